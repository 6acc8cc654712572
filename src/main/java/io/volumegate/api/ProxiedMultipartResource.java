package io.volumegate.api;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.MultipartFormParser;
import io.volumegate.objects.MultipartService;
import io.volumegate.objects.PartUpload;
import io.volumegate.objects.UploadParts;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.PartRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;

import java.util.List;
import java.util.Map;

/**
 * Multipart uploads whose parts come through this API (the reference's "proxied" flow):
 * initiate, upload a part as a form's {@code file} field (streamed into the part like an
 * object upload, with its MD5 and the upload's checksum), list the parts, abort. Completion
 * is {@link MultipartResource#complete}, shared with the presigned flow. Every upload is an
 * ordinary S3 multipart upload, so S3 clients see it too.
 */
@ApplicationScoped
public class ProxiedMultipartResource {
    static final String PART_NUMBER = "part_number";
    static final String MAX_PARTS = "max_parts";
    static final String PART_NUMBER_MARKER = "part_number_marker";
    static final int MAX_PARTS_LIMIT = 1000;
    static final String ABORTED = "aborted";

    @Inject
    MultipartService multipart;
    @Inject
    IoExecutor io;
    @Inject
    ApiAccess access;

    /** The body is optional; content_type (ours) is stored with the object. */
    public record CreateUploadRequest(String contentType) {}

    /** The reference's CreateMultipartUploadResponse. */
    public record CreateMultipartUploadResponse(String bucket, String key, String uploadId) {}

    /** The reference's UploadPartResponse, named as S3's part fields. */
    public record UploadPartResponse(@JsonbProperty("PartNumber") int partNumber, @JsonbProperty("ETag") String etag) {}

    public record AbortRequest(String uploadId) {}

    /** The reference's StatusResponse. */
    public record StatusResponse(String status) {}

    public record UploadedPart(@JsonbProperty("PartNumber") int partNumber, @JsonbProperty("Size") long size,
                               @JsonbProperty("ETag") String etag, @JsonbProperty("LastModified") String lastModified) {}

    /** The reference's ListPartsResponse; next_part_number_marker (ours) continues a truncated list. */
    public record ListPartsResponse(String bucket, String key, String uploadId, List<UploadedPart> parts, boolean isTruncated,
                                    Integer nextPartNumberMarker) {}

    void create(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.readOptional(exchange, CreateUploadRequest.class, new CreateUploadRequest(null)), io, body -> {
            ObjectMetadata metadata = access.newObjectMetadata(request).contentType(MultipartResource.contentType(body.contentType())).build();
            String uploadId = multipart.create(request.bucket(), request.key(), metadata, ChecksumAlgorithm.CRC64NVME,
                    ChecksumType.FULL_OBJECT, false).id().value();
            ApiResponses.json(exchange, 201, new CreateMultipartUploadResponse(request.bucket(), request.key(), uploadId));
        });
    }

    /** Streams the form's file into part {@code part_number}, replacing an earlier part of that number. */
    void uploadPart(Exchange exchange, ApiRequest request) {
        String uploadId = MultipartResource.required(request.query().get(MultipartResource.UPLOAD_ID), MultipartResource.UPLOAD_ID);
        int number = partNumber(request.query().get(PART_NUMBER));
        String boundary = FormFile.boundary(exchange.request().getContentType());
        exchange.runOn(io, () -> {
            PartUpload part = multipart.startPart(request.bucket(), request.key(), uploadId, number);
            FormFile file;
            MultipartFormParser parser;
            try {
                file = new FormFile(part::write, ChecksumAlgorithm.valueOf(part.uploadChecksumAlgorithm()), PartRules.MAX_PART_SIZE);
                parser = file.parser(boundary);
            } catch (RuntimeException e) {
                part.abort();
                throw e;
            }
            exchange.then(exchange.readBody(parser), io, part::abort, done -> {
                file.requirePresent();
                PartRecord record = multipart.commitPart(part, file.md5Hex(), Map.of(file.algorithm().name(), file.checksum()));
                exchange.response().setHeader("ETag", record.etag());
                ApiResponses.ok(exchange, new UploadPartResponse(record.number(), record.etag()));
            });
        });
    }

    /** The parts uploaded so far, by number: at most max_parts of them, after part_number_marker. */
    void listParts(Exchange exchange, ApiRequest request) {
        String uploadId = MultipartResource.required(request.query().get(MultipartResource.UPLOAD_ID), MultipartResource.UPLOAD_ID);
        int maxParts = bounded(request.query().get(MAX_PARTS), MAX_PARTS, 1, MAX_PARTS_LIMIT, MAX_PARTS_LIMIT);
        int marker = bounded(request.query().get(PART_NUMBER_MARKER), PART_NUMBER_MARKER, 0, PartRules.MAX_PARTS, 0);
        exchange.runOn(io, () -> {
            UploadParts staged = multipart.parts(request.bucket(), request.key(), uploadId);
            List<PartRecord> after = staged.parts().stream().filter(p -> p.number() > marker).toList();
            List<PartRecord> page = after.subList(0, Math.min(maxParts, after.size()));
            boolean truncated = after.size() > page.size();
            List<UploadedPart> parts = page.stream().map(p ->
                    new UploadedPart(p.number(), p.size(), p.etag(), HttpDates.iso8601(p.lastModified()))).toList();
            ApiResponses.ok(exchange, new ListPartsResponse(request.bucket(), request.key(), staged.upload().id().value(), parts,
                    truncated, truncated ? page.get(page.size() - 1).number() : null));
        });
    }

    /** Abandons the upload and removes its parts. */
    void abort(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<AbortRequest>read(exchange, AbortRequest.class), io, body -> {
            String uploadId = MultipartResource.required(body.uploadId(), MultipartResource.UPLOAD_ID);
            multipart.abort(request.bucket(), request.key(), uploadId);
            ApiResponses.ok(exchange, new StatusResponse(ABORTED));
        });
    }

    private static int partNumber(String value) {
        if (value == null || value.isBlank()) throw ApiException.badRequest(PART_NUMBER + " is required.");
        try {
            int number = Integer.parseInt(value.strip());
            if (PartRules.isPartNumber(number)) return number;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(PART_NUMBER + " must be an integer from 1 to " + PartRules.MAX_PARTS + ".");
    }

    private static int bounded(String value, String name, int min, int max, int absent) {
        if (value == null || value.isEmpty()) return absent;
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) return number;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(name + " must be an integer from " + min + " to " + max + ".");
    }
}
