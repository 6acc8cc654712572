package io.volumegate.api;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.http.Exchange;
import io.volumegate.objects.CompletionRequest;
import io.volumegate.objects.MultipartService;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.WriteCondition;
import io.volumegate.storage.multipart.PartRules;
import io.volumegate.storage.multipart.RequestedPart;
import io.volumegate.storage.multipart.UploadManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multipart uploads for browsers, and the completion of every API multipart upload (the
 * proxied flow, whose parts come through this API, is {@link ProxiedMultipartResource}'s): a file too big for one request is cut into parts that the
 * browser PUTs straight to presigned S3 UploadPart URLs (the S3 endpoint answers their CORS
 * preflights and exposes ETag), then completes here. The upload is an ordinary S3 multipart
 * upload, so S3 clients can list, complete or abort it too.
 */
@ApplicationScoped
public class MultipartResource {
    static final long DEFAULT_PART_SIZE = 25L << 20;
    static final long MIN_EXPIRES_SECONDS = 60;
    static final long MAX_EXPIRES_SECONDS = 12 * 3600;
    static final long DEFAULT_EXPIRES_SECONDS = 3600;
    /** 10,000 parts with their ETags fit easily. */
    static final int MAX_COMPLETE_BODY = 2 * 1024 * 1024;
    static final String UPLOAD_ID = "upload_id";

    @Inject
    MultipartService multipart;
    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    PublicUrls urls;
    @Inject
    ApiAccess access;

    public record PresignRequest(Long fileSize, Long partSize, Long expiresIn, String contentType) {}

    public record PartUrl(int partNumber, String url) {}

    /** The reference's PresignedMultipartResponse. */
    public record PresignedUpload(String bucket, String key, String uploadId, long partSize, int totalParts, List<PartUrl> urls,
                                  long expiresIn) {}

    /** Named as in S3's CompletedPart, so the ETags a browser collected go back as they came. */
    public record CompletedPart(@JsonbProperty("PartNumber") Integer partNumber, @JsonbProperty("ETag") String etag) {}

    public record CompleteRequest(String uploadId, List<CompletedPart> parts) {}

    /** Starts an upload and presigns one UploadPart URL per part. */
    void presign(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<PresignRequest>read(exchange, PresignRequest.class), io, body -> {
            UploadPlan plan = UploadPlan.of(body.fileSize(), body.partSize() == null ? DEFAULT_PART_SIZE : body.partSize());
            Duration expires = expires(body.expiresIn());
            ObjectMetadata metadata = access.newObjectMetadata(request).contentType(contentType(body.contentType())).build();
            UploadManifest upload = multipart.create(request.bucket(), request.key(), metadata, ChecksumAlgorithm.CRC64NVME,
                    ChecksumType.FULL_OBJECT, false);
            Instant now = Instant.now();
            String uploadId = URLEncoder.encode(upload.id().value(), StandardCharsets.UTF_8);
            List<PartUrl> parts = new ArrayList<>(plan.totalParts());
            for (int number = 1; number <= plan.totalParts(); number++) {
                parts.add(new PartUrl(number, urls.presign(request.endpoint(), "PUT", request.bucket(), request.key(),
                        "partNumber=" + number + "&uploadId=" + uploadId, request.credential(), now, expires)));
            }
            ApiResponses.json(exchange, 201, new PresignedUpload(request.bucket(), request.key(), upload.id().value(),
                    plan.partSize(), plan.totalParts(), parts, expires.toSeconds()));
        });
    }

    /** Completes the upload from the parts the browser uploaded, with S3's checks. */
    void complete(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<CompleteRequest>read(exchange, CompleteRequest.class, MAX_COMPLETE_BODY), io, body -> {
            String uploadId = required(body.uploadId(), UPLOAD_ID);
            if (body.parts() == null || body.parts().isEmpty()) throw ApiException.badRequest("parts must list the uploaded parts.");
            if (body.parts().size() > PartRules.MAX_PARTS) {
                throw ApiException.badRequest("A multipart upload has at most " + PartRules.MAX_PARTS + " parts.");
            }
            List<RequestedPart> parts = new ArrayList<>(body.parts().size());
            for (CompletedPart part : body.parts()) {
                if (part == null || part.partNumber() == null || part.etag() == null || part.etag().isBlank()) {
                    throw ApiException.badRequest("Every part needs a PartNumber and an ETag.");
                }
                parts.add(new RequestedPart(part.partNumber(), part.etag(), Map.of()));
            }
            multipart.complete(request.bucket(), request.key(), uploadId, CompletionRequest.ofParts(parts), WriteCondition.NONE)
                    .assemble(WriteCondition.NONE);
            ApiResponses.ok(exchange, ObjectResource.info(ObjectResource.COMPLETED, request.bucket(),
                    objects.head(ObjectRef.of(request.bucket(), request.key()))));
        });
    }

    static Duration expires(Long seconds) {
        return PublicUrls.lifetime(seconds, DEFAULT_EXPIRES_SECONDS, MIN_EXPIRES_SECONDS, MAX_EXPIRES_SECONDS);
    }

    /** A media type to store with the object; one header line, nothing that could split it. */
    static String contentType(String given) {
        if (given == null || given.isBlank()) return null;
        String type = given.strip();
        if (type.length() > 255 || !type.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw ApiException.badRequest("content_type must be a media type of printable ASCII, at most 255 characters.");
        }
        return type;
    }

    static String required(String value, String name) {
        if (value == null || value.isBlank()) throw ApiException.badRequest(name + " is required.");
        return value;
    }
}
