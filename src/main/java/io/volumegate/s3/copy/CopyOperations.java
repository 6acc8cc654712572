package io.volumegate.s3.copy;

import io.volumegate.checksum.ContentDigests;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.s3.S3Dates;
import io.volumegate.s3.S3Request;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.s3.object.MetadataHeaders;
import io.volumegate.s3.object.WriteConditions;
import io.volumegate.s3.xml.CopyObjectResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.ContentTypes;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CopyObject: a PUT whose body is another object. The bytes go from the source file into a
 * temp file of the destination bucket and are committed like any upload (fsync, metadata,
 * atomic rename under the key's commit lock, the destination's If-None-Match / If-Match), so
 * readers of the destination see the old object or the whole copy, never a part.
 *
 * <p>Digests: the copy has the source's MD5 (hence its ETag) and the same flexible checksums
 * (or the one x-amz-checksum-algorithm asks for; CRC64NVME when the source has none, as for
 * any PUT). When the source's stored digests are trustworthy (fresh metadata for the very
 * file that is open, unchanged until the copy ended) the kernel copies the bytes and the
 * stored values are reused; otherwise the bytes are hashed while they are copied, so the
 * digests always describe exactly what was committed.
 */
@ApplicationScoped
public class CopyOperations {
    private static final String CHECKSUM_ALGORITHM = "x-amz-checksum-algorithm";

    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    CopySources sources;

    public void copyObject(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        // Everything the headers alone can refuse is refused before any filesystem work.
        CopySource source = sources.authorize(request, http::getHeader);
        MetadataDirective directive = MetadataDirective.from(http.getHeader(MetadataDirective.HEADER));
        directive.checkCopyOntoItself(source.isSameObject(request.bucket(), request.key()));
        ObjectMetadata replacement = directive == MetadataDirective.REPLACE ? MetadataHeaders.from(http) : null;
        Optional<ChecksumAlgorithm> requestedChecksum = requestedChecksum(http.getHeader(CHECKSUM_ALGORITHM));
        WriteCondition condition = WriteConditions.from(http);

        exchange.runOn(io, () -> {
            Bucket target = volume.bucket(request.bucket());
            try (OpenedCopySource opened = sources.open(request, http::getHeader, CopySources.Range.IGNORED)) {
                if (opened.length() > config.maxObjectSize()) {
                    throw S3Error.INVALID_REQUEST.exception("The specified copy source is larger than the maximum allowable"
                            + " size for a copy source: " + config.maxObjectSize() + ". Copy it in parts with UploadPartCopy.");
                }
                if (condition.mustNotExist() && target.find(request.key()).isPresent()) {
                    throw S3Error.PRECONDITION_FAILED.exception(); // early answer; re-checked at commit
                }
                Set<ChecksumAlgorithm> algorithms = requestedChecksum.isPresent()
                        ? EnumSet.of(requestedChecksum.get()) : checksumsOf(opened.object());
                ObjectMetadata sourceMetadata = opened.object().metadata().orElse(null);
                ObjectMetadata metadata = directive.metadataFor(sourceMetadata, contentTypeOf(opened), () -> replacement);

                PendingUpload upload = target.beginUpload(request.key());
                ContentDigests digests;
                try {
                    digests = copyContent(opened, upload, algorithms);
                } catch (IOException | RuntimeException e) {
                    upload.abort();
                    throw e;
                }
                ObjectMetadata.Builder stored = metadata.toBuilder().md5Hex(digests.md5Hex());
                digests.checksums().forEach((algorithm, value) -> stored.putChecksum(algorithm.name(), value));
                StoredObject copy = target.commit(upload, stored.build(), condition);
                exchange.finishWith(S3Xml.write(result(copy, digests)), S3Xml.CONTENT_TYPE);
            }
        });
    }

    /**
     * Kernel copy plus the stored digests when they can be trusted, else a hashing copy. A
     * source that changed during the kernel copy is copied again, hashing, into the same
     * temp file (restarted): the stored digests described the old bytes.
     */
    public static ContentDigests copyContent(OpenedCopySource opened, PendingUpload upload, Set<ChecksumAlgorithm> algorithms)
            throws IOException {
        Optional<ContentDigests> stored = opened.storedDigests(algorithms);
        if (stored.isPresent()) {
            opened.copyVerbatim(upload);
            if (opened.unchanged()) return stored.get();
            upload.restart();
        }
        return opened.copyHashing(upload::write, algorithms);
    }

    /** The checksums the source has (so the copy has the same ones), else CRC64NVME like any upload. */
    public static Set<ChecksumAlgorithm> checksumsOf(StoredObject source) {
        Set<ChecksumAlgorithm> algorithms = EnumSet.noneOf(ChecksumAlgorithm.class);
        source.metadata().ifPresent(metadata -> metadata.checksums().keySet()
                .forEach(name -> ChecksumAlgorithm.fromName(name).ifPresent(algorithms::add)));
        if (algorithms.isEmpty()) algorithms.add(ChecksumAlgorithm.CRC64NVME);
        return algorithms;
    }

    private static Optional<ChecksumAlgorithm> requestedChecksum(String header) {
        if (header == null) return Optional.empty();
        return Optional.of(ChecksumAlgorithm.fromName(header).orElseThrow(() -> S3Error.INVALID_REQUEST.exception(
                "Value for " + CHECKSUM_ALGORITHM + " header is invalid.")));
    }

    /** The type the source is served with: stored, else by its key's extension, else sniffed. */
    public static String contentTypeOf(OpenedCopySource opened) throws IOException {
        StoredObject object = opened.object();
        String stored = object.metadata().map(ObjectMetadata::contentType).orElse(null);
        return ContentTypes.resolve(object.key(), stored, () -> {
            if (opened.channel() == null) return new byte[0];
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(ContentTypes.SNIFF_LENGTH, object.size()));
            while (head.hasRemaining() && opened.channel().read(head, head.position()) > 0) { /* fill */ }
            byte[] bytes = new byte[head.position()];
            head.flip().get(bytes);
            return bytes;
        });
    }

    private static CopyObjectResult result(StoredObject copy, ContentDigests digests) {
        CopyObjectResult result = new CopyObjectResult();
        result.ETag = copy.etag();
        result.LastModified = S3Dates.iso8601(copy.lastModified());
        Map<ChecksumAlgorithm, String> checksums = digests.checksums();
        result.ChecksumCRC32 = checksums.get(ChecksumAlgorithm.CRC32);
        result.ChecksumCRC32C = checksums.get(ChecksumAlgorithm.CRC32C);
        result.ChecksumCRC64NVME = checksums.get(ChecksumAlgorithm.CRC64NVME);
        result.ChecksumSHA1 = checksums.get(ChecksumAlgorithm.SHA1);
        result.ChecksumSHA256 = checksums.get(ChecksumAlgorithm.SHA256);
        if (!checksums.isEmpty()) result.ChecksumType = "FULL_OBJECT";
        return result;
    }
}
