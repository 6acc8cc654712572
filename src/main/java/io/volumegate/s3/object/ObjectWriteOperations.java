package io.volumegate.s3.object;

import io.volumegate.config.Config;
import io.volumegate.http.BodyReader;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.S3VersionIds;
import io.volumegate.s3.body.UploadBody;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;


/**
 * PutObject and DeleteObject. A PUT is refused before its body is read when the headers
 * already tell it will fail (size, digest format, an If-None-Match on an existing key);
 * otherwise the body streams into a temp file, is verified, and is renamed into place.
 */
@ApplicationScoped
public class ObjectWriteOperations {
    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    Config config;

    public void putObject(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        long contentLength = http.getContentLengthLong();
        long maxSize = config.maxObjectSize();
        UploadBody.requireFraming(http::getHeader, contentLength);
        if (UploadBody.declaredObjectSize(http::getHeader, contentLength, request.auth().payloadHash()) > maxSize) throw S3Error.ENTITY_TOO_LARGE.exception();
        WriteCondition condition = WriteConditions.from(http);
        ObjectMetadata metadata = MetadataHeaders.from(http);

        exchange.runOn(io, () -> {
            Bucket bucket = volume.bucket(request.bucket());
            if (condition.mustNotExist() && bucket.find(request.key()).isPresent()) {
                throw S3Error.PRECONDITION_FAILED.exception(); // early answer; re-checked at commit
            }
            PendingUpload upload = bucket.beginUpload(request.key());
            UploadBody body;
            try {
                body = UploadBody.assemble(http::getHeader, contentLength, maxSize, request.auth(), upload);
            } catch (RuntimeException refused) {
                upload.abort();
                throw refused;
            }
            BodyReader.read(http.getInputStream(), body.sink()).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    upload.abort();
                    exchange.fail(failure);
                    return;
                }
                exchange.bodyConsumed();
                exchange.runOn(io, () -> {
                    ObjectMetadata stored = metadata.toBuilder()
                            .md5Hex(body.md5Hex())
                            .putChecksum(body.checksumAlgorithm().name(), body.checksum())
                            .build();
                    StoredObject object = bucket.commit(upload, stored, condition);
                    exchange.response().setHeader("ETag", object.etag());
                    exchange.response().setHeader(body.checksumAlgorithm().headerName(), body.checksum());
                    exchange.finishEmpty();
                });
            });
        });
    }

    public void deleteObject(Exchange exchange, S3Request request) {
        S3VersionIds.requireCurrent(request.query().get("versionId"));
        exchange.runOn(io, () -> {
            volume.bucket(request.bucket()).delete(request.key());
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }
}
