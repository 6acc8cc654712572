package io.volumegate.s3.multipart;

import io.volumegate.http.S3Error;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.checksum.MultipartChecksum;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.EtagConditions;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PartSizes;
import io.volumegate.storage.StoredObject;
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

    /** Checks a completion that claims nothing about the object beyond its parts. */
    public static MultipartCompletion check(Bucket bucket, String uploadId, String key, List<RequestedPart> parts,
                                            WriteCondition condition) throws IOException {
        return check(bucket, uploadId, key, CompleteRequest.ofParts(parts), condition);
    }

    static MultipartCompletion check(Bucket bucket, String uploadId, String key, CompleteRequest complete,
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
        CompletionRecord answer = answer(upload, parts, complete, partsDigest);
        checkEarly(bucket, key, condition);
        return new MultipartCompletion(staging, upload, parts, answer, partsDigest);
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
        if (!done.partsDigest().equals(partsDigest)) throw S3Error.INVALID_PART.exception("This upload was completed with other parts.");
    }

    /** The object's ETag and checksum, from the parts' records; held to the client's claims. */
    private static CompletionRecord answer(UploadManifest upload, List<PartRecord> parts, CompleteRequest claims, String partsDigest) {
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
        ChecksumType type = ChecksumType.valueOf(upload.checksumType());
        List<Long> sizes = parts.stream().map(PartRecord::size).toList();
        long size = sizes.stream().mapToLong(Long::longValue).sum();
        String checksum = MultipartChecksum.of(algorithm, type, parts.stream().map(part -> part.checksum(algorithm.name())).toList(),
                sizes);

        if (claims.checksumType() != null && claims.checksumType() != type) {
            throw S3Error.INVALID_REQUEST.exception("The upload was created using the " + type + " checksum mode. The complete "
                    + "request must use the same checksum mode.");
        }
        if (claims.objectSize() >= 0 && claims.objectSize() != size) {
            throw S3Error.INVALID_REQUEST.exception("The provided 'x-amz-mp-object-size' header value " + claims.objectSize()
                    + " does not match what was computed: " + size);
        }
        if (claims.checksumAlgorithm() != null) {
            if (claims.checksumAlgorithm() != algorithm) {
                throw S3Error.INVALID_REQUEST.exception("Checksum Type mismatch occurred, expected checksum Type: "
                        + algorithm.name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                        + claims.checksumAlgorithm().name().toLowerCase(Locale.ROOT));
            }
            if (!withoutPartCount(claims.checksum()).equals(withoutPartCount(checksum))) {
                throw S3Error.BAD_DIGEST.exception("The " + algorithm.name().toLowerCase(Locale.ROOT)
                        + " you specified did not match the calculated checksum.");
            }
        }
        String etag = MultipartETag.of(parts.stream().map(PartRecord::md5Hex).toList());
        return new CompletionRecord(upload.key(), etag, algorithm.name(), checksum, type.name(), size, partsDigest, Instant.now());
    }

    private ObjectMetadata objectMetadata() {
        return upload.metadata().toBuilder()
                .md5Hex(answer.etag())
                .checksums(Map.of(answer.checksumAlgorithm(), answer.checksum()))
                .checksumType(answer.checksumType())
                .partSizes(PartSizes.of(parts.stream().map(PartRecord::size).toList()))
                .build();
    }

    /** A write condition that fails already fails before any assembling, with its own status. */
    private static void checkEarly(Bucket bucket, String key, WriteCondition condition) throws IOException {
        if (condition.isNone()) return;
        Optional<StoredObject> current = bucket.find(key);
        if (condition.mustNotExist() && current.isPresent()) throw S3Error.PRECONDITION_FAILED.exception();
        if (condition.mustMatchEtag() != null) {
            if (current.isEmpty()) throw S3Error.NO_SUCH_KEY.exception();
            if (!EtagConditions.matchesAny(condition.mustMatchEtag(), current.get().etag())) {
                throw S3Error.PRECONDITION_FAILED.exception();
            }
        }
    }

    private static String withoutPartCount(String checksum) {
        int dash = checksum.lastIndexOf('-');
        return dash < 0 ? checksum : checksum.substring(0, dash);
    }
}
