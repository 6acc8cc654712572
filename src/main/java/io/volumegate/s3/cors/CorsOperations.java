package io.volumegate.s3.cors;

import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.objects.BucketCorsService;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.object.IntegrityCheckedBody;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.CorsRule;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Put/Get/DeleteBucketCors. PutBucketCors needs a Content-MD5 or an x-amz-checksum-* of its
 * document, as S3 does; the rules replace the bucket's whole configuration.
 */
@ApplicationScoped
public class CorsOperations {
    private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    @Inject
    BucketCorsService cors;
    @Inject
    IoExecutor io;

    public void putBucketCors(Exchange exchange, S3Request request) throws Exception {
        exchange.then(IntegrityCheckedBody.read(exchange, request, MAX_DOCUMENT_BYTES), io, body -> {
            cors.configure(request.bucket(), CorsConfigurations.parse(body));
            exchange.finishEmpty();
        });
    }

    public void getBucketCors(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            List<CorsRule> rules = cors.rules(request.bucket());
            if (rules.isEmpty()) throw S3Error.NO_SUCH_CORS_CONFIGURATION.exception().with("BucketName", request.bucket());
            exchange.finishWith(CorsConfigurations.document(rules), S3Xml.CONTENT_TYPE);
        });
    }

    public void deleteBucketCors(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            cors.configure(request.bucket(), List.of());
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }
}
