package io.volumegate.api;

import io.volumegate.auth.SigV4Signer;
import io.volumegate.http.Exchange;
import io.volumegate.http.Failures;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.KeyCharacters;
import io.volumegate.s3.S3Dates;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Operations on many keys of a bucket at once (bulk delete, a ZIP download, presigned GET
 * URLs), and single presigned URLs for GET or PUT.
 */
@ApplicationScoped
public class BulkResource {
    static final int MAX_KEYS = 1000;
    /** 1000 keys of up to 1024 bytes, JSON-escaped. */
    static final int MAX_BODY = 8 * 1024 * 1024;
    static final long DEFAULT_PRESIGN_SECONDS = 3600;

    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    PublicUrls urls;

    public record KeysRequest(List<String> keys) {}

    public record KeyError(String key, String code, String message) {}

    public record DeleteResult(List<String> deleted, List<KeyError> errors) {}

    public record PresignKeysRequest(List<String> keys, Long expiresIn) {}

    public record PresignedKey(String key, String url) {}

    public record PresignedKeys(String method, String expiresAt, List<PresignedKey> urls) {}

    public record PresignRequest(String bucket, String key, Long expiresIn, String method) {}

    public record Presigned(String url, String method, String expiresAt) {}

    // ---- bulk delete -------------------------------------------------------------------

    /**
     * Deletes each key, as S3's DeleteObjects does: every key gets its outcome, deleted or an
     * error entry, and one key's failure (a bad key, an I/O error) does not stop the others;
     * keys before it are gone already, so failing the whole request would misreport them.
     */
    void delete(Exchange exchange, ApiRequest request) throws Exception {
        JsonBody.<KeysRequest>read(exchange, KeysRequest.class, MAX_BODY).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            exchange.runOn(io, () -> {
                List<String> keys = keys(body.keys(), false);
                Bucket bucket = volume.bucket(request.bucket());
                String requestId = RequestContext.of(exchange.request()).requestId();
                List<String> deleted = new ArrayList<>();
                List<KeyError> errors = new ArrayList<>();
                for (String key : keys) {
                    KeyError error = deleteOne(bucket, key, requestId);
                    if (error == null) deleted.add(key);
                    else errors.add(error);
                }
                ApiResponses.ok(exchange, new DeleteResult(deleted, errors));
            });
        });
    }

    /** Null when the key is gone (or never was); its error entry otherwise. */
    private static KeyError deleteOne(Bucket bucket, String key, String requestId) {
        String unwritable = KeyCharacters.problem(key);
        if (unwritable != null) return new KeyError(key, "InvalidArgument", unwritable);
        try {
            bucket.delete(key);
            return null;
        } catch (Exception e) {
            // Refusals and filesystem conditions keep their S3 code; anything unexpected is
            // logged with the request id and is an InternalError entry, without details.
            S3Exception error = Failures.toS3(e, requestId);
            return new KeyError(key, error.error().code(), error.getMessage());
        }
    }

    // ---- ZIP download --------------------------------------------------------------------

    /**
     * Streams the objects as one ZIP. Every key is checked first (valid, existing), so a
     * missing one is a clean 404 before any byte is sent; the archive then streams with
     * constant memory ({@link ZipStream}). A file that disappears mid-stream breaks the
     * connection: the client sees a truncated archive, never a wrong one.
     */
    void download(Exchange exchange, ApiRequest request) throws Exception {
        JsonBody.<KeysRequest>read(exchange, KeysRequest.class, MAX_BODY).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            exchange.runOn(io, () -> {
                List<String> keys = keys(body.keys(), true);
                Bucket bucket = volume.bucket(request.bucket());
                for (String key : keys) {
                    if (bucket.find(key).isEmpty()) throw ApiException.notFound("NoSuchKey", "No object at the key " + key + ".");
                }
                exchange.response().setContentType("application/zip");
                exchange.response().setHeader("Content-Disposition", ObjectResponses.contentDisposition(
                        ObjectResponses.Disposition.ATTACHMENT, bucket.name() + ".zip"));
                ZipStream zip = new ZipStream(bucket, keys);
                exchange.finishWith(zip, zip);
            });
        });
    }

    // ---- presigned URLs ------------------------------------------------------------------

    /** Presigned S3 GET URLs for keys of the bucket, signed with the caller's own credential. */
    void presignKeys(Exchange exchange, ApiRequest request) throws Exception {
        JsonBody.<PresignKeysRequest>read(exchange, PresignKeysRequest.class, MAX_BODY).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            try {
                List<String> keys = keys(body.keys(), true);
                Duration expires = expires(body.expiresIn());
                Instant now = Instant.now();
                List<PresignedKey> presigned = new ArrayList<>(keys.size());
                for (String key : keys) {
                    presigned.add(new PresignedKey(key, urls.presign("GET", request.bucket(), key, null, request.credential(), now, expires)));
                }
                ApiResponses.ok(exchange, new PresignedKeys("GET", S3Dates.iso8601(now.plus(expires)), presigned));
            } catch (RuntimeException e) {
                exchange.fail(e);
            }
        });
    }

    /** One presigned URL: {@code get_object} needs read scope on the bucket, {@code put_object} write scope. */
    void presign(Exchange exchange, ApiRequest request) throws Exception {
        JsonBody.<PresignRequest>read(exchange, PresignRequest.class).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            try {
                if (body.bucket() == null || body.bucket().isEmpty() || body.key() == null || body.key().isEmpty()) {
                    throw ApiException.badRequest("bucket and key are required.");
                }
                String operation = body.method() == null ? "get_object" : body.method().toLowerCase(Locale.ROOT);
                String method = switch (operation) {
                    case "get_object" -> "GET";
                    case "put_object" -> "PUT";
                    default -> throw ApiException.badRequest("method must be get_object or put_object.");
                };
                ApiKeys.validate(body.key());
                if (method.equals("GET")) request.requireRead(body.bucket());
                else request.requireWrite(body.bucket());
                Duration expires = expires(body.expiresIn());
                Instant now = Instant.now();
                ApiResponses.ok(exchange, new Presigned(urls.presign(method, body.bucket(), body.key(), null, request.credential(), now, expires),
                        method, S3Dates.iso8601(now.plus(expires))));
            } catch (RuntimeException e) {
                exchange.fail(e);
            }
        });
    }

    static Duration expires(Long seconds) {
        return PublicUrls.lifetime(seconds, DEFAULT_PRESIGN_SECONDS, 1, SigV4Signer.MAX_PRESIGN_EXPIRES_SECONDS);
    }

    /** 1 to 1000 distinct valid keys, in the order given. */
    static List<String> keys(List<String> given, boolean validate) {
        if (given == null || given.isEmpty()) throw ApiException.badRequest("keys must list 1 to " + MAX_KEYS + " keys.");
        if (given.size() > MAX_KEYS) throw ApiException.badRequest("keys must list at most " + MAX_KEYS + " keys.");
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        for (String key : given) {
            if (key == null || key.isEmpty()) throw ApiException.badRequest("keys must not be empty or null.");
            if (validate) ApiKeys.validate(key);
            keys.add(key);
        }
        return List.copyOf(keys);
    }
}
