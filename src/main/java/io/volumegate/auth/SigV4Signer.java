package io.volumegate.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The computations of AWS Signature Version 4 for S3, as static functions: canonical
 * request, string to sign, signing key and signature. The verifier uses them to recompute
 * what the client should have signed; tests and presigned-URL minting use them to sign.
 *
 * <p>The canonical request is built from the request exactly as received (raw path, raw
 * query, header values), because the client signed what it sent, not what a container
 * made of it.
 */
public final class SigV4Signer {
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String SERVICE = "s3";
    public static final String TERMINATOR = "aws4_request";
    /** Presigned URLs live at most seven days, as on S3. */
    public static final long MAX_PRESIGN_EXPIRES_SECONDS = 604_800;

    private static final HexFormat HEX = HexFormat.of();
    /** One digest per thread: {@code MessageDigest.getInstance} walks the providers each time. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    });

    private SigV4Signer() {
    }

    /** Path part of the canonical request; see {@link SigV4Encoding#canonicalUri}. */
    public static String canonicalUri(String rawPath) {
        return SigV4Encoding.canonicalUri(rawPath);
    }

    /**
     * Query part of the canonical request.
     *
     * @param presigned leave out X-Amz-Signature, which a presigned URL carries but cannot sign
     */
    public static String canonicalQuery(String rawQuery, boolean presigned) {
        return QueryParameters.parse(rawQuery).canonical(presigned ? "X-Amz-Signature" : null);
    }

    /**
     * Header part of the canonical request: one {@code name:value\n} line per signed header.
     *
     * @param signedHeaders lower-case names, sorted
     */
    public static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) {
        StringBuilder out = new StringBuilder(256);
        for (String name : signedHeaders) {
            out.append(name).append(':').append(canonicalHeaderValue(request.headerValues(name))).append('\n');
        }
        return out.toString();
    }

    /**
     * Each value trimmed, runs of whitespace inside it (including the CR LF of a folded
     * header line) collapsed to one space, then all values joined with ','. An absent
     * header is the empty value.
     */
    public static String canonicalHeaderValue(List<String> values) {
        return values.stream().map(SigV4Signer::collapseWhitespace).collect(Collectors.joining(","));
    }

    public static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
                                          String canonicalHeaders, String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    /** The canonical request of a received request. */
    public static String canonicalRequest(SignedRequest request, List<String> signedHeaders, String payloadHash,
                                          boolean presigned) {
        return canonicalRequest(request.method(), canonicalUri(request.rawPath()),
                canonicalQuery(request.rawQuery(), presigned), canonicalHeaders(request, signedHeaders),
                String.join(";", signedHeaders), payloadHash);
    }

    /** {@code yyyyMMdd/region/s3/aws4_request}. */
    public static String scope(String date, String region) {
        return date + '/' + region + '/' + SERVICE + '/' + TERMINATOR;
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC chain "AWS4"+secret → date → region → service → "aws4_request". */
    public static byte[] signingKey(byte[] secret, String date, String region) {
        byte[] prefix = "AWS4".getBytes(StandardCharsets.US_ASCII);
        byte[] first = new byte[prefix.length + secret.length];
        System.arraycopy(prefix, 0, first, 0, prefix.length);
        System.arraycopy(secret, 0, first, prefix.length, secret.length);
        byte[] key = hmac(first, date);
        java.util.Arrays.fill(first, (byte) 0); // the only copy of the secret we made
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        return hmac(key, TERMINATOR);
    }

    /** Lower-case hex HMAC-SHA256 of the string to sign. */
    public static String signature(byte[] signingKey, String stringToSign) {
        return HEX.formatHex(hmac(signingKey, stringToSign));
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(SHA_256.get().digest(data));
    }

    /**
     * Signs a request in header form and returns the Authorization header value. The
     * request must already carry every header in {@code signedHeaders} (host, x-amz-date,
     * x-amz-content-sha256 ...).
     */
    public static String authorization(SignedRequest request, String accessKeyId, byte[] secret, String region,
                                       String amzDate, List<String> signedHeaders, String payloadHash) {
        String date = amzDate.substring(0, 8);
        String scope = scope(date, region);
        String canonicalRequest = canonicalRequest(request, signedHeaders, payloadHash, false);
        String signature = signature(signingKey(secret, date, region), stringToSign(amzDate, scope, canonicalRequest));
        return ALGORITHM + " Credential=" + accessKeyId + '/' + scope + ", SignedHeaders="
                + String.join(";", signedHeaders) + ", Signature=" + signature;
    }

    /**
     * The query string of a presigned URL that signs only the host header, as S3 and the
     * SDKs mint them. Append it to {@code rawPath + "?"}; any query the URL already needs
     * (e.g. response-content-type) goes in {@code rawQuery} and is carried over.
     *
     * @param rawPath  encoded path as it will be sent, e.g. {@code /bucket/my%20key}
     * @param rawQuery extra encoded query, or null; an X-Amz-Content-Sha256 in it pins the body
     * @param host     Host header value the client will send (with port when not default)
     */
    public static String presignedQuery(String method, String rawPath, String rawQuery, String host, String accessKeyId,
                                        byte[] secret, String region, Instant at, Duration expires) {
        long seconds = expires.getSeconds();
        if (seconds < 1 || seconds > MAX_PRESIGN_EXPIRES_SECONDS) {
            throw new IllegalArgumentException("presigned URLs expire after 1 to " + MAX_PRESIGN_EXPIRES_SECONDS + " seconds");
        }
        String amzDate = AmzDates.formatBasic(at);
        String date = amzDate.substring(0, 8);
        String scope = scope(date, region);
        String authQuery = "X-Amz-Algorithm=" + ALGORITHM
                + "&X-Amz-Credential=" + SigV4Encoding.encode(accessKeyId + '/' + scope)
                + "&X-Amz-Date=" + amzDate
                + "&X-Amz-Expires=" + seconds
                + "&X-Amz-SignedHeaders=host";
        String query = rawQuery == null || rawQuery.isEmpty() ? authQuery : rawQuery + '&' + authQuery;
        QueryParameters parameters = QueryParameters.parse(query);
        // The canonical query is itself a correctly encoded query string, so it doubles as the URL's.
        String canonicalQuery = parameters.canonical("X-Amz-Signature");
        // Like the verifier: the body is unsigned unless the URL pins its hash.
        List<String> payloadHashes = parameters.values("X-Amz-Content-Sha256");
        String payloadHash = payloadHashes.isEmpty() ? PayloadHash.UNSIGNED_PAYLOAD : payloadHashes.get(0);
        String canonicalRequest = canonicalRequest(method, canonicalUri(rawPath), canonicalQuery,
                "host:" + collapseWhitespace(host) + '\n', "host", payloadHash);
        String signature = signature(signingKey(secret, date, region), stringToSign(amzDate, scope, canonicalRequest));
        return canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    static byte[] hmac(byte[] key, String data) {
        return Hmac.sha256(key, data);
    }

    private static String collapseWhitespace(String value) {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pendingSpace = out.length() > 0; // leading whitespace is dropped
            } else {
                if (pendingSpace) out.append(' ');
                pendingSpace = false;
                out.append(c);
            }
        }
        return out.toString(); // trailing whitespace never gets its pending space written
    }
}
