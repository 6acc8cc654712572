package io.volumegate.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The computations of AWS Signature Version 2 for S3 ("Signing and authenticating REST
 * requests" in the S3 documentation), as static functions: canonicalized amz headers,
 * canonicalized resource, string to sign and signature. The verifier uses them to
 * recompute what the client signed; tests use them to sign like a client.
 *
 * <pre>
 * StringToSign = HTTP-Verb \n Content-MD5 \n Content-Type \n Date-or-Expires \n
 *                CanonicalizedAmzHeaders CanonicalizedResource
 * Signature    = Base64(HMAC-SHA1(secret, UTF-8(StringToSign)))
 * </pre>
 *
 * <p>Unlike SigV4 nothing is re-encoded: the resource is the path exactly as sent (clients
 * sign the percent-encoded path they put on the wire, in whatever hex case they used),
 * while the values of signed sub-resources are signed decoded.
 */
public final class SigV2Signer {
    /** The Authorization scheme: {@code AWS <access key>:<signature>}. */
    public static final String AUTHORIZATION_PREFIX = "AWS ";
    public static final String AWS_ACCESS_KEY_ID = "AWSAccessKeyId";
    public static final String SIGNATURE = "Signature";
    public static final String EXPIRES = "Expires";

    /**
     * Query parameters that are part of the resource and therefore signed. The list S3
     * documents, plus the later ones that botocore's HmacV1Auth signs (S3 accepts its
     * signatures, so S3 signs them too). Anything else in the query (prefix, max-keys,
     * list-type ...) is not signed.
     */
    public static final Set<String> SUB_RESOURCES = Set.of(
            "accelerate", "acl", "analytics", "cors", "delete", "inventory", "lifecycle", "location", "logging",
            "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
            "restore", "select", "select-type", "tagging", "torrent", "uploadId", "uploads", "versionId",
            "versioning", "versions", "website",
            "response-content-type", "response-content-language", "response-expires", "response-cache-control",
            "response-content-disposition", "response-content-encoding");

    private static final String AMZ_PREFIX = "x-amz-";
    // RFC 7230 obs-fold: a line break followed by the whitespace that continues the value.
    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]*");

    private SigV2Signer() {
    }

    public static String stringToSign(String method, String contentMd5, String contentType, String dateOrExpires,
                                      String canonicalizedAmzHeaders, String canonicalizedResource) {
        return method + '\n' + contentMd5 + '\n' + contentType + '\n' + dateOrExpires + '\n'
                + canonicalizedAmzHeaders + canonicalizedResource;
    }

    /**
     * The string to sign of a received request, with the Date line given: the Date header,
     * "" when x-amz-date stands in for it, or the Expires value of a presigned URL.
     *
     * @param bucketForVirtualHost bucket named by the Host header, or null for path style
     * @param queryAuth            presigned: x-amz-* query parameters count as headers
     */
    public static String stringToSign(SignedRequest request, String bucketForVirtualHost, String dateLine, boolean queryAuth) {
        return stringToSign(request.method(), entityHeader(request, "Content-MD5"), entityHeader(request, "Content-Type"),
                dateLine, canonicalizedAmzHeaders(request, queryAuth),
                canonicalizedResource(bucketForVirtualHost, request.rawPath(), request.rawQuery()));
    }

    /**
     * Every x-amz-* header as {@code name:value\n}, names lower-cased and sorted, each value
     * unfolded and trimmed, repeated headers joined with ','.
     *
     * <p>With {@code queryAuth}, x-amz-* query parameters that are not also sent as headers
     * join them: botocore's presigned V2 URLs carry the x-amz-* headers they signed (x-amz-acl,
     * x-amz-meta-*, x-amz-security-token ...) in the query, since a browser cannot send them.
     * A header of the same name wins, so what is signed is what the request carries.
     */
    public static String canonicalizedAmzHeaders(SignedRequest request, boolean queryAuth) {
        Map<String, String> amz = new TreeMap<>();
        for (String name : request.headerNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            // headerValues is case-insensitive: X-Amz-A and x-amz-a are one header, listed once.
            if (lower.startsWith(AMZ_PREFIX) && !amz.containsKey(lower)) {
                amz.put(lower, joinValues(request.headerValues(lower)));
            }
        }
        if (queryAuth) {
            Map<String, List<String>> fromQuery = new TreeMap<>();
            for (Parameter p : parseQuery(request.rawQuery())) {
                String lower = p.name().toLowerCase(Locale.ROOT);
                if (lower.startsWith(AMZ_PREFIX) && !amz.containsKey(lower)) {
                    fromQuery.computeIfAbsent(lower, n -> new ArrayList<>()).add(p.value());
                }
            }
            fromQuery.forEach((name, values) -> amz.put(name, joinValues(values)));
        }
        StringBuilder out = new StringBuilder();
        amz.forEach((name, value) -> out.append(name).append(':').append(value).append('\n'));
        return out.toString();
    }

    /**
     * {@code [/bucket] + path as sent + [?sub-resources]}. The path is taken literally,
     * percent-encoding and its hex case included. Sub-resources are sorted by name (stably,
     * so repeats keep their order), their values percent-decoded, and a parameter sent
     * without '=' ({@code ?acl}) is signed without it.
     *
     * @param bucketForVirtualHost bucket named by the Host header, or null for path style
     *                             (where the path already starts with the bucket)
     * @param rawPath              request path as sent, without any context path
     */
    public static String canonicalizedResource(String bucketForVirtualHost, String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        StringBuilder out = new StringBuilder(path.length() + 32);
        if (bucketForVirtualHost != null) out.append('/').append(bucketForVirtualHost);
        out.append(path);
        String subResources = parseQuery(rawQuery).stream()
                .filter(p -> SUB_RESOURCES.contains(p.name()))
                .sorted(Comparator.comparing(Parameter::name))
                .map(p -> p.hasValue() ? p.name() + '=' + p.value() : p.name())
                .collect(Collectors.joining("&"));
        if (!subResources.isEmpty()) out.append('?').append(subResources);
        return out.toString();
    }

    /** Base64 of HMAC-SHA1 over the UTF-8 string to sign. */
    public static String signature(byte[] secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(hmacSha1(secret, stringToSign));
    }

    static byte[] hmacSha1(byte[] secret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA1", e);
        }
    }

    /**
     * Signs a request in header form and returns the Authorization header value. The
     * request must already carry its Date or x-amz-date header; x-amz-date, when present,
     * empties the Date line as S3 requires.
     */
    public static String authorization(SignedRequest request, String bucketForVirtualHost, String accessKeyId, byte[] secret) {
        String dateLine = request.header("x-amz-date") != null ? "" : trimmed(request.header("Date"));
        String stringToSign = stringToSign(request, bucketForVirtualHost, dateLine, false);
        return AUTHORIZATION_PREFIX + accessKeyId + ':' + signature(secret, stringToSign);
    }

    /**
     * The query string of a presigned V2 URL for a request that will carry no Content-MD5,
     * Content-Type or x-amz-* headers (x-amz-* parameters already in {@code rawQuery} are
     * signed). Append it to {@code rawPath + "?"}.
     *
     * @param rawPath  encoded path as it will be sent, e.g. {@code /bucket/my%20key}
     * @param rawQuery extra encoded query (e.g. response-content-type), or null
     */
    public static String presignedQuery(String method, String bucketForVirtualHost, String rawPath, String rawQuery,
                                        String accessKeyId, byte[] secret, long expiresEpochSeconds) {
        String expires = Long.toString(expiresEpochSeconds);
        SignedRequest bare = new SignedRequest() {
            @Override public String method() { return method; }
            @Override public String rawPath() { return rawPath; }
            @Override public String rawQuery() { return rawQuery; }
            @Override public List<String> headerValues(String name) { return List.of(); }
            @Override public List<String> headerNames() { return List.of(); }
        };
        String signature = signature(secret, stringToSign(bare, bucketForVirtualHost, expires, true));
        String authQuery = AWS_ACCESS_KEY_ID + '=' + SigV4Encoding.encode(accessKeyId)
                + '&' + EXPIRES + '=' + expires
                + '&' + SIGNATURE + '=' + SigV4Encoding.encode(signature);
        return rawQuery == null || rawQuery.isEmpty() ? authQuery : rawQuery + '&' + authQuery;
    }

    /** Content-MD5 or Content-Type, trimmed; "" when absent. Repeats are refused by the verifier. */
    private static String entityHeader(SignedRequest request, String name) {
        return trimmed(request.header(name));
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }

    private static String joinValues(List<String> values) {
        return values.stream().map(v -> FOLD.matcher(v).replaceAll(" ").trim()).collect(Collectors.joining(","));
    }

    /** One query parameter, decoded; {@code hasValue} tells {@code ?acl} from {@code ?acl=}. */
    record Parameter(String name, String value, boolean hasValue) {
    }

    /**
     * Splits a raw query into decoded parameters. '+' stays '+': SigV2 clients encode a
     * space as %20, and a signature's base64 '+' sent bare must survive.
     */
    static List<Parameter> parseQuery(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) return parameters;
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.add(new Parameter(name, value, eq >= 0));
        }
        return parameters;
    }

    private static String decode(String raw) {
        return new String(SigV4Encoding.percentDecode(raw), StandardCharsets.UTF_8);
    }
}
