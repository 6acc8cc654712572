package io.volumegate.api;

import io.volumegate.auth.PostPolicy;
import io.volumegate.auth.PostPolicyVerifier;
import io.volumegate.auth.SigV4Signer;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.UriEncoding;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Presigned S3 URLs, signed with the caller's own credential so that they carry exactly its
 * scope: GET URLs for many keys of a bucket, one URL for a GET or a PUT, and the fields of a
 * browser form upload (S3's POST Object), as SDKs' {@code presigned_post} makes them.
 */
@ApplicationScoped
public class PresignResource {
    static final long DEFAULT_PRESIGN_SECONDS = 3600;

    @Inject
    IoExecutor io;
    @Inject
    PublicUrls urls;
    @Inject
    Config config;
    @Inject
    BulkResource bulk;
    @Inject
    ApiAccess access;

    /** Form fields a presigned POST makes itself, which a request may not set. */
    private static final Set<String> SIGNED_FIELDS = Set.of("key", "bucket", "file", PostPolicyVerifier.POLICY,
            PostPolicyVerifier.ALGORITHM, PostPolicyVerifier.CREDENTIAL, PostPolicyVerifier.DATE, PostPolicyVerifier.SIGNATURE_V4,
            PostPolicyVerifier.ACCESS_KEY_V2, PostPolicyVerifier.SIGNATURE_V2, "x-amz-security-token");
    private static final String FILENAME = "${filename}";

    public record PresignKeysRequest(List<String> keys, Long expiresIn) {}

    public record PresignedKey(String key, String url) {}

    /** The reference's BulkPresignResponse; method ("GET") is ours. */
    public record PresignedKeys(List<PresignedKey> urls, long expiresIn, String method) {}

    /**
     * The body of the reference's POST /presign: bucket, key and method (get_object or put_object) are required.
     * Ours: {@code response_content_type} and {@code response_content_disposition}, for get_object only,
     * the headers the URL's GET answers with (S3's response-content-type, response-content-disposition).
     */
    public record PresignRequest(String bucket, String key, Long expiresIn, String method, String responseContentType,
                                 String responseContentDisposition) {}

    /** The reference's PresignedUrlResponse: method is the operation asked for, get_object or put_object. */
    public record Presigned(String url, String bucket, String key, long expiresIn, String method) {}

    /** Presigned S3 GET URLs for keys of the bucket, signed with the caller's own credential. */
    void presignKeys(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<PresignKeysRequest>read(exchange, PresignKeysRequest.class, BulkResource.MAX_BODY), io, body -> {
            List<String> keys = bulk.readableKeys(request, body.keys());
            Duration expires = expires(body.expiresIn());
            Instant now = Instant.now();
            List<PresignedKey> presigned = new ArrayList<>(keys.size());
            for (String key : keys) {
                presigned.add(new PresignedKey(key, urls.presign(request.endpoint(), "GET", request.bucket(), key, null, request.credential(), now, expires)));
            }
            ApiResponses.ok(exchange, new PresignedKeys(presigned, expires.toSeconds(), "GET"));
        });
    }

    /**
     * One presigned URL: the caller must be let in to do what it presigns, {@code get_object}
     * as an s3:GetObject, {@code put_object} as an s3:PutObject (the URL would be refused otherwise).
     */
    void presign(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<PresignRequest>read(exchange, PresignRequest.class), io, body -> {
            if (body.bucket() == null || body.bucket().isEmpty() || body.key() == null || body.key().isEmpty()) {
                throw ApiException.badRequest("bucket and key are required.");
            }
            // Required, as the reference's field table has it: no default operation to guess.
            if (body.method() == null || body.method().isEmpty()) throw ApiException.badRequest("method is required: get_object or put_object.");
            String operation = body.method().toLowerCase(Locale.ROOT);
            String method = switch (operation) {
                case "get_object" -> "GET";
                case "put_object" -> "PUT";
                default -> throw ApiException.badRequest("method must be get_object or put_object.");
            };
            ObjectKeys.segments(body.key());
            if (method.equals("GET")) access.require(request, ApiChecks.GET_OBJECT, ApiRoute.Access.READ, body.bucket(), body.key(), null);
            else access.require(request, ApiChecks.PUT_OBJECT, ApiRoute.Access.WRITE, body.bucket(), body.key(), null);
            String overrides = responseOverrides(method, body);
            Duration expires = expires(body.expiresIn());
            Instant now = Instant.now();
            ApiResponses.ok(exchange, new Presigned(urls.presign(request.endpoint(), method, body.bucket(), body.key(), overrides, request.credential(), now, expires),
                    body.bucket(), body.key(), expires.toSeconds(), operation));
        });
    }

    /** A media type with optional parameters: {@code text/plain; charset=utf-8}. */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=([A-Za-z0-9!#$&^_.+-]+|\"[^\"\\\\]*\"))*");
    /** inline or attachment, with optional parameters (filename=..., filename*=UTF-8''...). */
    private static final Pattern DISPOSITION = Pattern.compile(
            "(?i:inline|attachment)(\\s*;\\s*[A-Za-z0-9!#$&^_.+*-]+=([^;\"\\s]+|\"[^\"\\\\]*\"))*");
    private static final int MAX_OVERRIDE_LENGTH = 1024;

    /**
     * The encoded response-content-type and response-content-disposition query of a GET URL,
     * or null when the request asks for neither; 400 for a value that is not a media type
     * (disposition), holds anything but printable ASCII, or comes with put_object.
     */
    static String responseOverrides(String method, PresignRequest body) {
        String type = body.responseContentType();
        String disposition = body.responseContentDisposition();
        if (type == null && disposition == null) return null;
        if (!method.equals("GET")) {
            throw ApiException.badRequest("response_content_type and response_content_disposition are for get_object only.");
        }
        StringBuilder query = new StringBuilder();
        if (type != null) {
            if (!printable(type) || !MEDIA_TYPE.matcher(type.strip()).matches()) {
                throw ApiException.badRequest("response_content_type must be a media type such as text/plain; charset=utf-8.");
            }
            query.append("response-content-type=").append(UriEncoding.segment(type.strip()));
        }
        if (disposition != null) {
            if (!printable(disposition) || !DISPOSITION.matcher(disposition.strip()).matches()) {
                throw ApiException.badRequest("response_content_disposition must be inline or attachment, with optional parameters"
                        + " such as filename=\"a.txt\" (printable ASCII; filename*=UTF-8''... for other names).");
            }
            if (query.length() > 0) query.append('&');
            query.append("response-content-disposition=").append(UriEncoding.segment(disposition.strip()));
        }
        return query.toString();
    }

    /** Not empty, at most MAX_OVERRIDE_LENGTH characters, printable ASCII and spaces only (no CR/LF: these become headers). */
    private static boolean printable(String value) {
        if (value.isBlank() || value.length() > MAX_OVERRIDE_LENGTH) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) return false;
        }
        return true;
    }

    /**
     * A browser form upload: {@code key} (a {@code ${filename}} in it becomes the uploaded
     * file's name, the policy then pins the key's part before it), {@code fields} the form
     * also carries (Content-Type, success_action_status, success_action_redirect,
     * x-amz-meta-*, ...), each pinned by the policy, {@code min_size}/{@code max_size} its
     * content-length-range.
     */
    public record PresignPostRequest(String key, Long expiresIn, Map<String, String> fields, Long minSize, Long maxSize) {}

    /** Post {@code fields}, then the file as the field {@code file}, to {@code url} as multipart/form-data. */
    public record PresignedPost(String url, Map<String, String> fields, String bucket, String key, long expiresIn) {}

    /** The url and fields of a form that uploads to the bucket, its policy signed (SigV4) with the caller's credential. */
    void presignPost(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<PresignPostRequest>read(exchange, PresignPostRequest.class), io, body -> {
            String key = body.key();
            if (key == null || key.isEmpty()) throw ApiException.badRequest("key is required.");
            ObjectKeys.segments(key.replace(FILENAME, "file"));
            Duration expires = expires(body.expiresIn());
            Instant now = Instant.now();
            PostPolicy.Builder policy = new PostPolicy.Builder(now.plus(expires)).equals("bucket", request.bucket());
            int variable = key.indexOf(FILENAME);
            if (variable >= 0) policy.startsWith("key", key.substring(0, variable));
            else policy.equals("key", key);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("key", key);
            if (body.fields() != null) {
                for (Map.Entry<String, String> field : body.fields().entrySet()) {
                    String name = field.getKey();
                    if (name == null || name.isEmpty() || field.getValue() == null || SIGNED_FIELDS.contains(name.toLowerCase(Locale.ROOT))) {
                        throw ApiException.badRequest("fields may not set '" + name + "', nor a field without a value.");
                    }
                    policy.equals(name, field.getValue());
                    fields.put(name, field.getValue());
                }
            }
            if (body.minSize() != null || body.maxSize() != null) {
                long min = body.minSize() == null ? 0 : body.minSize();
                long max = body.maxSize() == null ? config.maxObjectSize() : body.maxSize();
                if (min < 0 || max < min) throw ApiException.badRequest("min_size and max_size must be 0 <= min_size <= max_size.");
                policy.contentLengthRange(min, max);
            }
            fields.putAll(policy.signV4(request.credential().accessKeyId(), request.credential().secret(), config.region(), now));
            PublicEndpoint endpoint = request.endpoint();
            String url = endpoint.origin() + endpoint.path() + "/" + UriEncoding.segment(request.bucket());
            ApiResponses.ok(exchange, new PresignedPost(url, fields, request.bucket(), key, expires.toSeconds()));
        });
    }

    static Duration expires(Long seconds) {
        return PublicUrls.lifetime(seconds, DEFAULT_PRESIGN_SECONDS, 1, SigV4Signer.MAX_PRESIGN_EXPIRES_SECONDS);
    }
}
