package io.volumegate.api;

import io.volumegate.auth.SigV4Signer;
import io.volumegate.http.Exchange;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Presigned S3 URLs, signed with the caller's own credential so that they carry exactly its
 * scope: GET URLs for many keys of a bucket, and one URL for a GET or a PUT.
 */
@ApplicationScoped
public class PresignResource {
    static final long DEFAULT_PRESIGN_SECONDS = 3600;

    @Inject
    IoExecutor io;
    @Inject
    PublicUrls urls;

    public record PresignKeysRequest(List<String> keys, Long expiresIn) {}

    public record PresignedKey(String key, String url) {}

    /** The reference's BulkPresignResponse; method ("GET") is ours. */
    public record PresignedKeys(List<PresignedKey> urls, long expiresIn, String method) {}

    public record PresignRequest(String bucket, String key, Long expiresIn, String method) {}

    /** The reference's PresignedUrlResponse: method is the operation asked for, get_object or put_object. */
    public record Presigned(String url, String bucket, String key, long expiresIn, String method) {}

    /** Presigned S3 GET URLs for keys of the bucket, signed with the caller's own credential. */
    void presignKeys(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<PresignKeysRequest>read(exchange, PresignKeysRequest.class, BulkResource.MAX_BODY), io, body -> {
            List<String> keys = BulkResource.keys(body.keys(), true);
            Duration expires = expires(body.expiresIn());
            Instant now = Instant.now();
            List<PresignedKey> presigned = new ArrayList<>(keys.size());
            for (String key : keys) {
                presigned.add(new PresignedKey(key, urls.presign(request.endpoint(), "GET", request.bucket(), key, null, request.credential(), now, expires)));
            }
            ApiResponses.ok(exchange, new PresignedKeys(presigned, expires.toSeconds(), "GET"));
        });
    }

    /** One presigned URL: {@code get_object} needs read scope on the bucket, {@code put_object} write scope. */
    void presign(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<PresignRequest>read(exchange, PresignRequest.class), io, body -> {
            if (body.bucket() == null || body.bucket().isEmpty() || body.key() == null || body.key().isEmpty()) {
                throw ApiException.badRequest("bucket and key are required.");
            }
            String operation = body.method() == null ? "get_object" : body.method().toLowerCase(Locale.ROOT);
            String method = switch (operation) {
                case "get_object" -> "GET";
                case "put_object" -> "PUT";
                default -> throw ApiException.badRequest("method must be get_object or put_object.");
            };
            ObjectKeys.segments(body.key());
            if (method.equals("GET")) request.requireRead(body.bucket());
            else request.requireWrite(body.bucket());
            Duration expires = expires(body.expiresIn());
            Instant now = Instant.now();
            ApiResponses.ok(exchange, new Presigned(urls.presign(request.endpoint(), method, body.bucket(), body.key(), null, request.credential(), now, expires),
                    body.bucket(), body.key(), expires.toSeconds(), operation));
        });
    }

    static Duration expires(Long seconds) {
        return PublicUrls.lifetime(seconds, DEFAULT_PRESIGN_SECONDS, 1, SigV4Signer.MAX_PRESIGN_EXPIRES_SECONDS);
    }
}
