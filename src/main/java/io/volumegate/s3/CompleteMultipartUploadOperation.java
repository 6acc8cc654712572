package io.volumegate.s3;

import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.KeepAliveResponse;
import io.volumegate.http.KeepAliveTimer;
import io.volumegate.http.S3Error;
import io.volumegate.http.SmallBody;
import io.volumegate.s3.body.ChecksumAlgorithm;
import io.volumegate.s3.body.ChecksumType;
import io.volumegate.s3.body.MultipartChecksum;
import io.volumegate.s3.xml.CompleteMultipartUploadResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.EtagConditions;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PartSizes;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;
import io.volumegate.storage.multipart.CompletionRecord;
import io.volumegate.storage.multipart.MultipartETag;
import io.volumegate.storage.multipart.MultipartStaging;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.RequestedPart;
import io.volumegate.storage.multipart.UploadManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CompleteMultipartUpload. Everything that can be refused quickly is checked first and gets
 * its own status: the XML, the part list against the staged parts (order, ETags, checksums,
 * sizes), the client's claims about the whole object, write conditions. Only then does the
 * slow part start (assembling gigabytes), under a {@link KeepAliveResponse}. The answer is
 * recorded, so a retry of a Complete that finished gets the same answer.
 */
@ApplicationScoped
public class CompleteMultipartUploadOperation {
    private static final Duration KEEP_ALIVE_INTERVAL = Duration.ofSeconds(5);

    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    KeepAliveTimer keepAliveTimer;

    public void completeMultipartUpload(Exchange exchange, S3Request request) throws Exception {
        HttpServletRequest http = exchange.request();
        String uploadId = request.query().get("uploadId");
        if (http.getContentLengthLong() > CompleteRequest.MAX_BODY_BYTES) {
            throw S3Error.ENTITY_TOO_LARGE.exception("A CompleteMultipartUpload body is at most " + CompleteRequest.MAX_BODY_BYTES
                    + " bytes.");
        }
        CompleteRequest claims = CompleteRequest.claims(http::getHeader);
        WriteCondition condition = WriteConditions.from(http);
        String contentMd5 = http.getHeader("Content-MD5");
        String location = http.getRequestURL().toString();

        SmallBody.read(exchange, CompleteRequest.MAX_BODY_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            exchange.runOn(io, () -> {
                SmallBodyDigests.verify(body, request.auth(), contentMd5);
                CompleteRequest complete = claims.withBody(body);
                Bucket bucket = volume.bucket(request.bucket());
                MultipartStaging staging = new MultipartStaging(bucket);
                String partsDigest = RequestedPart.digestOf(complete.parts());

                Optional<CompletionRecord> finished = staging.completion(uploadId, request.key());
                if (finished.isPresent()) { // a retry: its first answer was lost
                    if (!finished.get().partsDigest().equals(partsDigest)) {
                        throw S3Error.INVALID_PART.exception("This upload was completed with other parts.");
                    }
                    exchange.finishWith(result(finished.get(), request, location), S3Xml.CONTENT_TYPE);
                    return;
                }
                UploadManifest upload = staging.open(uploadId, request.key());
                List<PartRecord> parts = staging.resolve(upload, complete.parts());
                CompletionRecord answer = answer(upload, parts, complete, partsDigest);
                checkEarly(bucket, request.key(), condition);

                KeepAliveResponse response = KeepAliveResponse.start(exchange, keepAliveTimer.scheduler(),
                        config.completeKeepAliveAfter(), KEEP_ALIVE_INTERVAL);
                try {
                    CompletionRecord done = staging.complete(upload, parts, objectMetadata(upload, parts, answer), condition, answer);
                    if (!done.partsDigest().equals(partsDigest)) { // a concurrent Complete with other parts won
                        throw S3Error.INVALID_PART.exception("This upload was completed with other parts.");
                    }
                    response.succeed(result(done, request, location), S3Xml.CONTENT_TYPE);
                } catch (Throwable late) {
                    response.fail(late);
                }
            });
        });
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

    private static ObjectMetadata objectMetadata(UploadManifest upload, List<PartRecord> parts, CompletionRecord answer) {
        return upload.metadata().toBuilder()
                .md5Hex(answer.etag())
                .checksums(Map.of(answer.checksumAlgorithm(), answer.checksum()))
                .checksumType(answer.checksumType())
                .partSizes(PartSizes.of(parts.stream().map(PartRecord::size).toList()))
                .build();
    }

    /**
     * A write condition that fails already fails before any assembling, with its own status;
     * the commit checks it again under the key's lock, where it counts.
     */
    private static void checkEarly(Bucket bucket, String key, WriteCondition condition) throws java.io.IOException {
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

    private static byte[] result(CompletionRecord done, S3Request request, String location) {
        CompleteMultipartUploadResult result = new CompleteMultipartUploadResult();
        result.Location = location;
        result.Bucket = request.bucket();
        result.Key = request.key();
        result.ETag = '"' + done.etag() + '"';
        if (done.checksumAlgorithm() != null) result.checksum(done.checksumAlgorithm(), done.checksum());
        result.ChecksumType = done.checksumType();
        return S3Xml.write(result);
    }

    private static String withoutPartCount(String checksum) {
        int dash = checksum.lastIndexOf('-');
        return dash < 0 ? checksum : checksum.substring(0, dash);
    }
}
