package io.volumegate.s3.multipart;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.MultipartService;
import io.volumegate.objects.PartUpload;
import io.volumegate.s3.NewObjectAcls;
import io.volumegate.s3.PartNumbers;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.body.ChecksumHeaders;
import io.volumegate.s3.body.UploadBody;
import io.volumegate.s3.object.MetadataHeaders;
import io.volumegate.s3.xml.InitiateMultipartUploadResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.multipart.MultipartStaging;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.PartRules;
import io.volumegate.storage.multipart.UploadManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;

/**
 * CreateMultipartUpload, UploadPart and AbortMultipartUpload. A part's body goes through the
 * same pipeline as a PutObject's (aws-chunked, signatures, Content-MD5, checksums) into a
 * file in the upload's staging folder; see {@link MultipartStaging} for what lives where.
 */
@ApplicationScoped
public class MultipartUploadOperations {
    @Inject
    MultipartService multipart;
    @Inject
    IoExecutor io;
    @Inject
    NewObjectAcls acls;

    public void createMultipartUpload(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        ObjectMetadata metadata = MetadataHeaders.from(http);
        UploadChecksumChoice checksum = UploadChecksumChoice.from(http::getHeader);
        exchange.runOn(io, () -> {
            ObjectMetadata owned = AccessService.stamp(metadata.toBuilder(), acls.of(request.bucket(), request.credential(), http::getHeader)).build();
            UploadManifest upload = multipart.create(request.bucket(), request.key(), owned, checksum.algorithm(), checksum.type(),
                    checksum.requested());
            if (checksum.requested()) {
                exchange.response().setHeader(UploadChecksumChoice.ALGORITHM_HEADER, checksum.algorithm().name());
                exchange.response().setHeader(UploadChecksumChoice.TYPE_HEADER, checksum.type().name());
            }
            InitiateMultipartUploadResult result = new InitiateMultipartUploadResult();
            result.Bucket = request.bucket();
            result.Key = request.key();
            result.UploadId = upload.id().value();
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    public void uploadPart(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        int partNumber = PartNumbers.parse(request.query().get("partNumber"));
        String uploadId = request.query().get("uploadId");
        long contentLength = http.getContentLengthLong();
        UploadBody.requireFraming(http::getHeader, contentLength);
        long size = UploadBody.declaredObjectSize(http::getHeader, contentLength, request.auth().payloadHash());
        if (size > PartRules.MAX_PART_SIZE) {
            throw S3Error.ENTITY_TOO_LARGE.exception("A part is at most 5 GiB.");
        }

        exchange.runOn(io, () -> {
            PartUpload part = multipart.startPart(request.bucket(), request.key(), uploadId, partNumber, size);
            PartBody body;
            try {
                body = PartBody.assemble(http::getHeader, contentLength, request.auth(), part);
            } catch (RuntimeException refused) {
                part.abort();
                throw refused;
            }
            exchange.then(exchange.readBody(body.sink()), io, part::abort, done -> {
                Map<String, String> checksums = body.checksums();
                PartRecord record = multipart.commitPart(part, body.md5Hex(), checksums);
                exchange.response().setHeader("ETag", record.etag());
                checksums.forEach((algorithm, value) ->
                        exchange.response().setHeader(ChecksumHeaders.of(ChecksumAlgorithm.valueOf(algorithm)), value));
                exchange.finishEmpty();
            });
        });
    }

    public void abortMultipartUpload(Exchange exchange, S3Request request) {
        String uploadId = request.query().get("uploadId");
        exchange.runOn(io, () -> {
            multipart.abort(request.bucket(), request.key(), uploadId);
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }
}
