package io.volumegate.objects;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ContentDigests;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.OpenedObject;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Copies, for both APIs: CopyObject's and the management API's copy. The bytes go from the
 * source file into a temp file of the destination bucket and are committed like any upload.
 * Blocking: call from the I/O executor.
 */
@ApplicationScoped
public class CopyService {
    @Inject
    Volume volume;
    @Inject
    ObjectService objects;

    /**
     * Copies {@code source} onto {@code bucket/key}: the bytes go from the source file into a
     * temp file of the destination and are committed like any upload, so readers of the
     * destination see the old object or the whole copy. The copy has the source's MD5 (hence
     * its ETag) and checksums, or the one {@code copy} asks for.
     *
     * @param sourceCheck holds the opened source to the protocol's conditions (throws to refuse)
     */
    public CopiedObject copy(ObjectRef source, String bucketName, String key, CopySpec copy, Consumer<StoredObject> sourceCheck)
            throws IOException {
        if (source.sameObjectAs(bucketName, key) && copy.replacement() == null) {
            throw new StorageException(Reason.COPY_ONTO_ITSELF, "This copy request is illegal because it is trying to copy an"
                    + " object to itself without changing the object's metadata, storage class, website redirect location or"
                    + " encryption attributes.");
        }
        Bucket target = volume.bucket(bucketName);
        try (OpenedObject opened = objects.open(source)) {
            sourceCheck.accept(opened.object());
            if (opened.object().size() > copy.maxSize()) {
                throw new StorageException(Reason.COPY_SOURCE_TOO_LARGE, "The specified copy source is larger than the maximum"
                        + " allowable size for a copy source: " + copy.maxSize() + ". Copy it in parts.");
            }
            target.check(copy.condition(), key); // early answer; checked again at commit
            target.requireSpace(opened.object().size());
            Set<ChecksumAlgorithm> algorithms = copy.checksum().<Set<ChecksumAlgorithm>>map(EnumSet::of).orElseGet(() -> checksumsOf(opened.object()));
            ObjectMetadata metadata = metadataOfCopy(opened, copy);
            PendingUpload upload = target.beginUpload(key, opened.object().size());
            ContentDigests digests;
            try {
                digests = ContentCopy.copy(opened, upload, algorithms);
            } catch (IOException | RuntimeException e) {
                upload.abort();
                throw e;
            }
            ObjectMetadata.Builder stored = metadata.toBuilder().md5Hex(digests.md5Hex());
            digests.checksums().forEach((algorithm, value) -> stored.putChecksum(algorithm.name(), value));
            return new CopiedObject(target.commit(upload, stored.build(), copy.condition()), digests, opened.object());
        }
    }

    /**
     * The copy's metadata, without digests (they belong to the bytes): the replacement, or the
     * source's with the Content-Type it is served with (stored, else by extension or sniffed),
     * since a copy under another key is still the same kind of content.
     */
    private static ObjectMetadata metadataOfCopy(OpenedObject source, CopySpec spec) throws IOException {
        ObjectMetadata replacement = spec.replacement();
        ObjectMetadata.Builder copy = replacement != null ? replacement.toBuilder()
                : source.object().metadata().map(ObjectMetadata::toBuilder).orElseGet(ObjectMetadata::builder)
                        .contentType(source.contentType());
        // Retention and legal hold belong to the source version; the copy gets what its own
        // request asked for (a replacement's headers) or the bucket's default.
        if (replacement == null) copy.retention(null, null).legalHold(false);
        copy.tags(spec.tags() != null ? spec.tags() : source.object().metadata().map(ObjectMetadata::tags).orElse(Map.of()));
        copy.partChecksums(null); // the copy is one part
        if (spec.acl() != null) AccessService.stamp(copy, spec.acl());
        else copy.owner(null).acl(null);
        return copy.md5Hex(null).checksums(Map.of()).size(0).mtimeMillis(0).build();
    }

    /** The checksums the source has (so the copy has the same ones), else CRC64NVME like any upload. */
    static Set<ChecksumAlgorithm> checksumsOf(StoredObject source) {
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        source.metadata().ifPresent(metadata -> metadata.checksums().keySet()
                .forEach(name -> ChecksumAlgorithm.fromName(name).ifPresent(algorithms::add)));
        if (algorithms.isEmpty()) algorithms.add(ChecksumAlgorithm.CRC64NVME);
        return algorithms;
    }
}
