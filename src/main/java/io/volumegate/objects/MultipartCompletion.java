package io.volumegate.objects;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.checksum.MultipartChecksum;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PartSizes;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.WriteCondition;
import io.volumegate.storage.multipart.CompletionRecord;
import io.volumegate.storage.multipart.MultipartETag;
import io.volumegate.storage.multipart.MultipartStaging;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.RequestedPart;
import io.volumegate.storage.multipart.UploadManifest;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One completion of a multipart upload, for S3's CompleteMultipartUpload and the management
 * API's browser flow alike, in two steps. {@link #check} does everything that can be refused
 * quickly, so its errors get their own status: the part list against the staged parts
 * (order, ETags, checksums, sizes), the client's claims about the whole object, write
 * conditions. {@link #assemble} is the slow part (gigabytes copied), after which the answer
 * is recorded: a retry of a Complete that finished gets the same answer.
 */
public final class MultipartCompletion {
    private final MultipartStaging staging;
    private final UploadManifest upload;
    private final List<PartRecord> parts;
    private final CompletionRecord answer;
    private final String partsDigest;

    private MultipartCompletion(MultipartStaging staging, UploadManifest upload, List<PartRecord> parts, CompletionRecord answer,
                                String partsDigest) {
        this.staging = staging;
        this.upload = upload;
        this.parts = parts;
        this.answer = answer;
        this.partsDigest = partsDigest;
    }

    static MultipartCompletion check(Bucket bucket, String uploadId, String key, CompletionRequest complete,
                                     WriteCondition condition) throws IOException {
        MultipartStaging staging = new MultipartStaging(bucket);
        String partsDigest = RequestedPart.digestOf(complete.parts());
        Optional<CompletionRecord> finished = staging.completion(uploadId, key);
        if (finished.isPresent()) { // a retry: its first answer was lost
            requireSameParts(finished.get(), partsDigest);
            return new MultipartCompletion(staging, null, List.of(), finished.get(), partsDigest);
        }
        UploadManifest upload = staging.open(uploadId, key);
        List<PartRecord> parts = staging.resolve(upload, complete.parts());
        CompletionRecord answer = answer(upload, parts, complete, partsDigest).withVersionId(bucket.planVersionId());
        bucket.check(condition, key); // a condition that fails fails before any assembling, with its own status
        bucket.requireSpace(answer.size()); // the parts stay until the object is in place: room for a second copy
        bucket.requireQuota(key, answer.size()); // before assembling; the commit holds it to the quota again
        return new MultipartCompletion(staging, upload, parts, answer, partsDigest);
    }

    /**
     * The version the object will be (or was) committed as, known before {@link #assemble}, so an
     * answer that starts early can name it; null when the bucket names no version.
     */
    public String versionId() {
        return answer.versionId();
    }

    /** Whether a Complete with these parts already finished, so {@link #assemble} has nothing to do. */
    public boolean finished() {
        return upload == null;
    }

    /**
     * Assembles the object and commits it under {@code condition}, checked again under the
     * key's lock where it counts.
     *
     * @return the answer to give the client
     */
    public CompletionRecord assemble(WriteCondition condition) throws IOException {
        if (finished()) return answer;
        CompletionRecord done = staging.complete(upload, parts, objectMetadata(), condition, answer);
        requireSameParts(done, partsDigest); // a concurrent Complete with other parts may have won
        return done;
    }

    private static void requireSameParts(CompletionRecord done, String partsDigest) {
        if (!done.partsDigest().equals(partsDigest)) {
            throw new StorageException(Reason.INVALID_PART, "This upload was completed with other parts.");
        }
    }

    /** The object's ETag and checksum, from the parts' records; held to the client's claims. */
    private static CompletionRecord answer(UploadManifest upload, List<PartRecord> parts, CompletionRequest claims, String partsDigest) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
        ChecksumType type = ChecksumType.valueOf(upload.checksumType());
        List<Long> sizes = parts.stream().map(PartRecord::size).toList();
        long size = sizes.stream().mapToLong(Long::longValue).sum();
        String checksum = MultipartChecksum.of(algorithm, type, parts.stream().map(part -> part.checksum(algorithm.name())).toList(),
                sizes);

        if (claims.checksumType() != null && claims.checksumType() != type) {
            throw new StorageException(Reason.INVALID_CLAIM, "The upload was created using the " + type + " checksum mode. The complete "
                    + "request must use the same checksum mode.");
        }
        if (claims.objectSize() >= 0 && claims.objectSize() != size) {
            throw new StorageException(Reason.INVALID_CLAIM, "The provided object size " + claims.objectSize()
                    + " does not match what was computed: " + size);
        }
        if (claims.checksumAlgorithm() != null) {
            if (claims.checksumAlgorithm() != algorithm) {
                throw new StorageException(Reason.INVALID_CLAIM, "Checksum Type mismatch occurred, expected checksum Type: "
                        + algorithm.name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                        + claims.checksumAlgorithm().name().toLowerCase(Locale.ROOT));
            }
            if (!withoutPartCount(claims.checksum()).equals(withoutPartCount(checksum))) {
                throw new StorageException(Reason.CHECKSUM_MISMATCH, "The " + algorithm.name().toLowerCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum.");
            }
        }
        String etag = MultipartETag.of(parts.stream().map(PartRecord::md5Hex).toList());
        return new CompletionRecord(upload.key(), etag, algorithm.name(), checksum, type.name(), size, partsDigest, Instant.now(), null);
    }

    /**
     * The object's metadata: the upload's, its ETag and checksum, its part sizes and, for a
     * COMPOSITE checksum (which is made of them), the parts' checksums, which GetObjectAttributes
     * lists; a FULL_OBJECT checksum describes the whole, so its parts' are not kept.
     */
    private ObjectMetadata objectMetadata() {
        boolean composite = ChecksumType.COMPOSITE.name().equals(answer.checksumType());
        return upload.metadata().toBuilder()
                .md5Hex(answer.etag())
                .checksums(Map.of(answer.checksumAlgorithm(), answer.checksum()))
                .checksumType(answer.checksumType())
                .partSizes(PartSizes.of(parts.stream().map(PartRecord::size).toList()))
                .partChecksums(composite ? parts.stream().map(part -> part.checksum(answer.checksumAlgorithm())).toList() : null)
                .build();
    }

    private static String withoutPartCount(String checksum) {
        int dash = checksum.lastIndexOf('-');
        return dash < 0 ? checksum : checksum.substring(0, dash);
    }
}
