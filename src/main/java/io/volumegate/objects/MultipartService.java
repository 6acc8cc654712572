package io.volumegate.objects;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.checksum.ContentDigests;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.OpenedObject;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;
import io.volumegate.storage.multipart.MultipartStaging;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.PartRules;
import io.volumegate.storage.multipart.PendingPart;
import io.volumegate.storage.multipart.UploadListing;
import io.volumegate.storage.multipart.UploadManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Multipart uploads, for both APIs: create, parts (uploaded or copied), complete, abort,
 * list. Everything lives on the volume ({@link MultipartStaging}), so any node can take any
 * step of any upload. Blocking: call from the I/O executor.
 */
@ApplicationScoped
public class MultipartService {
    @Inject
    Volume volume;
    @Inject
    ObjectService objects;

    /**
     * Starts an upload of {@code key}; the key is checked now, not at completion.
     *
     * @param checksumRequested whether the client chose the checksum (then every part must
     *                          carry it) or got the default
     */
    public UploadManifest create(String bucket, String key, ObjectMetadata metadata, ChecksumAlgorithm algorithm, ChecksumType type,
                                 boolean checksumRequested) throws IOException {
        return staging(bucket).create(key, metadata, algorithm.name(), type.name(), checksumRequested);
    }

    /** Opens part {@code number} of the upload for its body; NO_SUCH_UPLOAD for an unknown id or another key. */
    public PartUpload startPart(String bucket, String key, String uploadId, int number) throws IOException {
        return startPart(bucket, key, uploadId, number, -1);
    }

    /**
     * {@link #startPart(String, String, String, int)} of a body of {@code size} bytes ({@code -1}: not
     * known before it ends): NO_SPACE, before any byte is read, when the volume has not that much
     * room above its reserve; QUOTA_EXCEEDED when the bucket's quota has no room for it even as a
     * whole object (parts count once their Complete makes them one).
     */
    public PartUpload startPart(String bucket, String key, String uploadId, int number, long size) throws IOException {
        MultipartStaging staging = staging(bucket);
        UploadManifest upload = staging.open(uploadId, key);
        volume.bucket(bucket).requireSpace(size);
        volume.bucket(bucket).requireQuota(key, size);
        return new PartUpload(staging, staging.beginPart(upload, number));
    }

    /**
     * Makes a received part the upload's part of its number, replacing an earlier one.
     *
     * @param checksums algorithm name to base64 value; must include the upload's algorithm
     */
    public PartRecord commitPart(PartUpload part, String md5Hex, Map<String, String> checksums) throws IOException {
        return part.staging().commitPart(part.pending(), md5Hex, checksums);
    }

    /**
     * Stages bytes of another object as part {@code number}, hashing them (MD5 and the upload's
     * checksum) through one fixed buffer on their way into the part file.
     *
     * @param select holds the opened source to the protocol's conditions and picks the bytes
     */
    public PartRecord copyPart(String bucket, String key, String uploadId, int number, ObjectRef source,
                               Function<StoredObject, ByteSpan> select) throws IOException {
        MultipartStaging staging = staging(bucket);
        UploadManifest upload = staging.open(uploadId, key);
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
        try (OpenedObject opened = objects.open(source)) {
            ByteSpan span = select.apply(opened.object());
            if (span.length() > PartRules.MAX_PART_SIZE) {
                throw new StorageException(Reason.COPY_SOURCE_TOO_LARGE, "The specified copy source is larger than the maximum"
                        + " allowable size for a copy source: " + PartRules.MAX_PART_SIZE + ". Copy it with a range.");
            }
            volume.bucket(bucket).requireSpace(span.length());
            volume.bucket(bucket).requireQuota(key, span.length());
            PendingPart part = staging.beginPart(upload, number);
            ContentDigests digests;
            try {
                digests = ContentCopy.copyHashing(opened.channel(), span.first(), span.length(), part::write, Set.of(algorithm));
                // A program that rewrote the source in place (not by rename) could have handed us a mix of bytes.
                if (!opened.unchanged()) throw StorageException.changedWhileRead();
            } catch (IOException | RuntimeException e) {
                part.abort();
                throw e;
            }
            return staging.commitPart(part, digests.md5Hex(), Map.of(algorithm.name(), digests.checksums().get(algorithm)));
        }
    }

    /**
     * Checks a completion (the part list against the staged parts, the client's claims, the
     * write condition) without assembling anything, so its refusals come quickly with their
     * own status; {@link MultipartCompletion#assemble} then does the slow part.
     */
    public MultipartCompletion complete(String bucket, String key, String uploadId, CompletionRequest request,
                                        WriteCondition condition) throws IOException {
        return MultipartCompletion.check(volume.bucket(bucket), uploadId, key, request, condition);
    }

    /** Removes the upload and its parts; NO_SUCH_UPLOAD when it is not in progress. */
    public void abort(String bucket, String key, String uploadId) throws IOException {
        staging(bucket).abort(uploadId, key);
    }

    /** The upload and its staged parts; NO_SUCH_UPLOAD when it is not in progress. */
    public UploadParts parts(String bucket, String key, String uploadId) throws IOException {
        MultipartStaging staging = staging(bucket);
        UploadManifest upload = staging.open(uploadId, key);
        return new UploadParts(upload, staging.parts(upload));
    }

    /** A page of the bucket's uploads in progress, in key and then upload id order. */
    public UploadListing uploads(String bucket, String prefix, String delimiter, String keyMarker, String uploadIdMarker,
                                 int maxUploads) throws IOException {
        return UploadListing.page(staging(bucket).uploads(), prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }

    private MultipartStaging staging(String bucket) throws IOException {
        return new MultipartStaging(volume.bucket(bucket));
    }
}
