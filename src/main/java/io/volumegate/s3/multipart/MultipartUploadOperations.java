package io.volumegate.s3.multipart;

import io.volumegate.http.BodyReader;
import io.volumegate.http.BodySink;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.body.ChecksumAlgorithm;
import io.volumegate.s3.body.ChecksumRequest;
import io.volumegate.s3.body.ChecksumVerifier;
import io.volumegate.s3.body.UploadBody;
import io.volumegate.s3.object.MetadataHeaders;
import io.volumegate.s3.xml.InitiateMultipartUploadResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.Volume;
import io.volumegate.storage.multipart.MultipartStaging;
import io.volumegate.storage.multipart.PartRecord;
import io.volumegate.storage.multipart.PartRules;
import io.volumegate.storage.multipart.PendingPart;
import io.volumegate.storage.multipart.UploadManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CreateMultipartUpload, UploadPart and AbortMultipartUpload. A part's body goes through the
 * same pipeline as a PutObject's (aws-chunked, signatures, Content-MD5, checksums) into a
 * file in the upload's staging folder; see {@link MultipartStaging} for what lives where.
 */
@ApplicationScoped
public class MultipartUploadOperations {
    @Inject
    Volume volume;
    @Inject
    IoExecutor io;

    public void createMultipartUpload(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        ObjectMetadata metadata = MetadataHeaders.from(http);
        UploadChecksumChoice checksum = UploadChecksumChoice.from(http::getHeader);
        exchange.runOn(io, () -> {
            MultipartStaging staging = new MultipartStaging(volume.bucket(request.bucket()));
            UploadManifest upload = staging.create(request.key(), metadata, checksum.algorithm().name(), checksum.type().name(),
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
        int partNumber = PartRules.partNumber(request.query().get("partNumber"));
        String uploadId = request.query().get("uploadId");
        long contentLength = http.getContentLengthLong();
        UploadBody.requireFraming(http::getHeader, contentLength);
        if (UploadBody.declaredObjectSize(http::getHeader, contentLength, request.auth().payloadHash()) > PartRules.MAX_PART_SIZE) {
            throw S3Error.ENTITY_TOO_LARGE.exception("A part is at most 5 GiB.");
        }

        exchange.runOn(io, () -> {
            MultipartStaging staging = new MultipartStaging(volume.bucket(request.bucket()));
            UploadManifest upload = staging.open(uploadId, request.key());
            ChecksumAlgorithm uploadAlgorithm = ChecksumAlgorithm.valueOf(upload.checksumAlgorithm());
            ChecksumAlgorithm sent = ChecksumRequest.from(http::getHeader, uploadAlgorithm).algorithm();
            if (sent != uploadAlgorithm && upload.checksumRequested()) {
                throw S3Error.INVALID_REQUEST.exception("Checksum Type mismatch occurred, expected checksum Type: "
                        + lower(uploadAlgorithm) + ", actual checksum Type: " + lower(sent));
            }
            PendingPart part = staging.beginPart(upload, partNumber);
            // A client may check a part with another algorithm than the upload's default: verify
            // its checksum, and compute the upload's as well, which the object's is made of.
            ChecksumVerifier uploadChecksum = sent == uploadAlgorithm ? null : new ChecksumVerifier(uploadAlgorithm, () -> null, part);
            BodySink destination = uploadChecksum == null ? part : uploadChecksum;
            UploadBody body;
            try {
                body = UploadBody.assemble(http::getHeader, contentLength, PartRules.MAX_PART_SIZE, request.auth(), destination,
                        uploadAlgorithm);
            } catch (RuntimeException refused) {
                part.abort();
                throw refused;
            }
            BodyReader.read(http.getInputStream(), body.sink()).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    part.abort();
                    exchange.fail(failure);
                    return;
                }
                exchange.bodyConsumed();
                exchange.runOn(io, () -> {
                    Map<String, String> checksums = new TreeMap<>();
                    checksums.put(body.checksumAlgorithm().name(), body.checksum());
                    if (uploadChecksum != null) checksums.put(uploadAlgorithm.name(), uploadChecksum.checksum());
                    PartRecord record = staging.commitPart(part, body.md5Hex(), checksums);
                    exchange.response().setHeader("ETag", record.etag());
                    checksums.forEach((algorithm, value) ->
                            exchange.response().setHeader(ChecksumAlgorithm.valueOf(algorithm).headerName(), value));
                    exchange.finishEmpty();
                });
            });
        });
    }

    public void abortMultipartUpload(Exchange exchange, S3Request request) {
        String uploadId = request.query().get("uploadId");
        exchange.runOn(io, () -> {
            new MultipartStaging(volume.bucket(request.bucket())).abort(uploadId, request.key());
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    private static String lower(ChecksumAlgorithm algorithm) {
        return algorithm.name().toLowerCase(Locale.ROOT);
    }
}
