package io.volumegate.http;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which web origins may call the S3 endpoint from a browser, from the
 * {@code volumegate.cors.origins} setting, and what they are told: one rule for every bucket,
 * like an S3 CORS configuration allowing GET, PUT, POST, DELETE and HEAD with any request
 * header. Browsers need this to PUT parts to presigned URLs and read their {@code ETag}.
 */
public final class CorsPolicy {
    public static final CorsPolicy NONE = parse("");
    /** The methods a CORS rule may allow, S3's five. */
    public static final Set<String> METHODS = Set.of("GET", "PUT", "POST", "DELETE", "HEAD");
    static final String ALLOWED_METHODS = "GET, PUT, POST, DELETE, HEAD";
    /** What a page's script may read besides the CORS-safelisted headers. */
    static final String EXPOSED_HEADERS = String.join(", ", List.of("ETag", "Content-Range", "Content-Disposition",
            "Content-Encoding", "Accept-Ranges", "x-amz-request-id", "x-amz-checksum-crc32", "x-amz-checksum-crc32c",
            "x-amz-checksum-crc64nvme", "x-amz-checksum-sha1", "x-amz-checksum-sha256", "x-amz-checksum-type",
            "x-amz-mp-parts-count"));
    /** How long a browser may reuse a preflight's answer. */
    static final String MAX_AGE_SECONDS = "3000";
    /** Header names as RFC 9110 tokens, listed with commas: all a request may ask to send. */
    private static final Pattern HEADER_LIST = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z\\-]+(\\s*,\\s*[!#$%&'*+.^_`|~0-9A-Za-z\\-]+)*");

    private final String source;
    private final List<Wildcard> origins;

    private CorsPolicy(String source, List<Wildcard> origins) {
        this.source = source;
        this.origins = origins;
    }

    /** @param setting comma-separated origins; {@code *} may stand for any part of one, once */
    public static CorsPolicy parse(String setting) {
        List<Wildcard> origins = Arrays.stream(setting.split(","))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .map(CorsPolicy::origin)
                .toList();
        return new CorsPolicy(setting, origins);
    }

    /** The setting this policy was parsed from. */
    public String source() { return source; }

    public boolean enabled() { return !origins.isEmpty(); }

    /**
     * The {@code Access-Control-Allow-Origin} value for a request from {@code origin}: {@code *}
     * when every origin is allowed (as S3 answers), the origin itself when it is listed.
     */
    public Optional<String> allowOrigin(String origin) {
        if (origin == null || origin.isEmpty()) return Optional.empty();
        for (Wildcard pattern : origins) {
            if (pattern.matchesAll()) return Optional.of("*");
            if (pattern.matches(origin)) return Optional.of(origin);
        }
        return Optional.empty();
    }

    /**
     * What a preflight is refused for, or empty when it is allowed. {@code S3Error.BAD_REQUEST}
     * for a malformed one; {@code ACCESS_FORBIDDEN} when the origin, method or headers are not
     * allowed.
     */
    public Optional<S3Exception> refusePreflight(String origin, String method, String requestHeaders) {
        Optional<S3Exception> malformed = refuseMalformedPreflight(origin, method);
        if (malformed.isPresent()) return malformed;
        if (!enabled()) return Optional.of(S3Error.ACCESS_FORBIDDEN.exception("CORSResponse: CORS is not enabled for this bucket."));
        boolean headersAllowed = requestHeaders == null || requestHeaders.isBlank() || HEADER_LIST.matcher(requestHeaders.strip()).matches();
        if (allowOrigin(origin).isEmpty() || !METHODS.contains(method) || !headersAllowed) {
            return Optional.of(S3Error.ACCESS_FORBIDDEN.exception());
        }
        return Optional.empty();
    }

    /**
     * What a preflight that cannot be judged is refused for (400 BadRequest, as S3 answers it):
     * one without an Origin or without an Access-Control-Request-Method; empty when it has both.
     */
    public static Optional<S3Exception> refuseMalformedPreflight(String origin, String method) {
        if (origin == null || origin.isEmpty()) {
            return Optional.of(S3Error.BAD_REQUEST.exception("Insufficient information. Origin request header needed."));
        }
        if (method == null || method.isEmpty()) {
            return Optional.of(S3Error.BAD_REQUEST.exception("Invalid Access-Control-Request-Method: " + (method == null ? "null" : "")));
        }
        return Optional.empty();
    }

    private static Wildcard origin(String origin) {
        try {
            return Wildcard.of(origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a CORS origin may hold one '*': " + origin, e);
        }
    }
}
