package io.volumegate.s3;

import io.volumegate.config.Config;
import io.volumegate.http.BodyReader;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.s3.body.PayloadVerifier;
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

import java.util.Collections;
import java.util.Locale;

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
        long declaredLength = http.getContentLengthLong();
        long maxSize = config.maxObjectSize();
        if (declaredLength > maxSize) throw S3Error.ENTITY_TOO_LARGE.exception();
        if (declaredLength < 0 && !isChunkedTransfer(http)) throw S3Error.MISSING_CONTENT_LENGTH.exception();
        String payloadHash = PayloadHashes.verifiableSha256(request.auth().payloadHash());
        // Decoded here, not in the body pipeline: a malformed Content-MD5 used to be refused
        // after beginUpload() and left its temp file behind in .volumegate/tmp.
        byte[] contentMd5 = PayloadVerifier.contentMd5(http.getHeader("Content-MD5"));
        WriteCondition condition = WriteConditions.from(http);
        ObjectMetadata metadata = MetadataHeaders.from(http);

        exchange.runOn(io, () -> {
            Bucket bucket = volume.bucket(request.bucket());
            if (condition.mustNotExist() && bucket.find(request.key()).isPresent()) {
                throw S3Error.PRECONDITION_FAILED.exception(); // early answer; re-checked at commit
            }
            PendingUpload upload = bucket.beginUpload(request.key());
            PayloadVerifier verifier = new PayloadVerifier(upload, declaredLength, maxSize, contentMd5, payloadHash);
            BodyReader.read(http.getInputStream(), verifier).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    upload.abort();
                    exchange.fail(failure);
                    return;
                }
                exchange.bodyConsumed();
                exchange.runOn(io, () -> {
                    StoredObject stored = bucket.commit(upload, metadata.toBuilder().md5Hex(verifier.md5Hex()).build(), condition);
                    exchange.response().setHeader("ETag", stored.etag());
                    exchange.finishEmpty();
                });
            });
        });
    }

    public void deleteObject(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            volume.bucket(request.bucket()).delete(request.key());
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    private static boolean isChunkedTransfer(HttpServletRequest http) {
        String transferEncoding = http.getHeader("Transfer-Encoding");
        return transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
    }
}
