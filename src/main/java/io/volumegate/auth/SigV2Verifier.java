package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Checks AWS Signature Version 2 on a request, in either of its forms: the
 * {@code Authorization: AWS <key>:<signature>} header (s3cmd, old SDKs), or a presigned
 * URL's {@code AWSAccessKeyId}, {@code Expires} and {@code Signature} query parameters
 * (what boto3's {@code generate_presigned_url}, {@code aws s3 presign} of CLI v1 and
 * {@code s3cmd signurl} produce by default). Answers with an {@link AuthResult} or throws
 * the {@link S3Exception} S3 would answer with.
 *
 * <p>What the {@link AuthResult} holds, since SigV2 has no key derivation, scope or payload
 * hash:
 * <ul>
 *   <li>{@code payloadHash} is always {@link PayloadHash#UNSIGNED_PAYLOAD}: V2 signs no
 *       body. Content-MD5, when sent, is in the string to sign, and the body pipeline
 *       checks it against the body.</li>
 *   <li>{@code signingKey} is empty and {@code seedSignature} null: there is nothing an
 *       aws-chunked chunk signature could chain from, so a signed streaming body cannot be
 *       verified and must be refused by whatever needs them.</li>
 *   <li>{@code amzDate} is the signed Date or x-amz-date in ISO 8601 basic format for the
 *       header form, and null for presigned URLs, which carry an expiry but no signing
 *       time.</li>
 *   <li>{@code scope} is null.</li>
 * </ul>
 *
 * <p>The verifier stays container-free: the caller supplies what only the container knows.
 * The request's {@link SignedRequest#rawPath()} must be the path the client addressed S3
 * by, without any context path the WAR is deployed under (clients sign {@code /bucket/key},
 * never an endpoint's path prefix; see {@link #withoutContextPath}), and the bucket of a
 * virtual-host request comes from the caller's Host parsing.
 *
 * <p>Checks run cheapest first, as in {@link SigV4Verifier}: the form of the parameters,
 * then time (so a client with a wrong clock hears RequestTimeTooSkewed), then the key
 * lookup, then the HMAC.
 */
public final class SigV2Verifier {
    private static final String MISSING_QUERY_PARAMETERS =
            "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters";
    private static final String ONE_MECHANISM = "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
            + "Signature query string parameter or the Authorization header should be specified";
    /** Base64 of the 20 bytes of an HMAC-SHA1; anything much longer is not worth decoding. */
    private static final int MAX_SIGNATURE_LENGTH = 64;

    private final CredentialLookup lookup;
    private final Clock clock;
    private final Duration allowedSkew;

    /**
     * @param allowedSkew largest accepted difference between the Date (or x-amz-date) of a
     *                    header-signed request and {@code clock}; presigned URLs are bound
     *                    by their Expires instead
     */
    public SigV2Verifier(CredentialLookup lookup, Clock clock, Duration allowedSkew) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew").abs();
    }

    /**
     * Whether the request carries SigV2 authentication: an {@code AWS } Authorization
     * header, or a query holding both AWSAccessKeyId and Signature. Anything claiming to be
     * V2 but malformed is answered by {@link #verify}.
     */
    public static boolean isSigV2(SignedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.startsWith(SigV2Signer.AUTHORIZATION_PREFIX)) return true;
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        return query.contains(SigV2Signer.AWS_ACCESS_KEY_ID) && query.contains(SigV2Signer.SIGNATURE);
    }

    /**
     * A view of {@code request} whose raw path no longer starts with {@code contextPath}
     * (as {@code HttpServletRequest.getContextPath()} gives it: "" or "/ctx"), which is the
     * path V2 clients sign. Returns the request itself when there is nothing to strip.
     */
    public static SignedRequest withoutContextPath(SignedRequest request, String contextPath) {
        String rawPath = request.rawPath();
        if (contextPath == null || contextPath.isEmpty() || rawPath == null || !rawPath.startsWith(contextPath)) return request;
        String rest = rawPath.substring(contextPath.length());
        if (!rest.isEmpty() && rest.charAt(0) != '/') return request; // "/ctxfoo" is not under "/ctx"
        return withRawPath(request, rest.isEmpty() ? "/" : rest);
    }

    /** Verifies a path-style request (or one that addresses no bucket). */
    public AuthResult verify(SignedRequest request) {
        return verify(request, null);
    }

    /**
     * @param bucketForVirtualHost the bucket named by the Host header of a virtual-host
     *                             request, which the client signed as a "/bucket" prefix of
     *                             the resource; null for path style
     */
    public AuthResult verify(SignedRequest request, String bucketForVirtualHost) {
        if (bucketForVirtualHost != null && bucketForVirtualHost.isEmpty()) {
            throw new IllegalArgumentException("bucketForVirtualHost is null for path style, never empty");
        }
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        List<String> authorization = request.headerValues("Authorization");
        boolean queryAuth = query.contains(SigV2Signer.AWS_ACCESS_KEY_ID) || query.contains(SigV2Signer.SIGNATURE);
        boolean v4Query = query.contains(SigV4Verifier.X_AMZ_ALGORITHM) || query.contains(SigV4Verifier.X_AMZ_CREDENTIAL)
                || query.contains(SigV4Verifier.X_AMZ_SIGNATURE);
        if (queryAuth && (!authorization.isEmpty() || v4Query)) throw S3Error.INVALID_ARGUMENT.exception(ONE_MECHANISM);
        if (queryAuth) return verifyQuery(request, query, bucketForVirtualHost);

        if (authorization.size() > 1) throw S3Error.INVALID_ARGUMENT.exception("Only one Authorization header is allowed.");
        String header = authorization.isEmpty() ? null : authorization.get(0);
        if (header == null || header.startsWith("AWS4-")) {
            // The caller should have asked isSigV2 first; refusing is the safe answer.
            throw S3Error.ACCESS_DENIED.exception("The request is not signed with AWS Signature Version 2.");
        }
        if (!header.startsWith(SigV2Signer.AUTHORIZATION_PREFIX)) throw S3Error.INVALID_ARGUMENT.exception("Unsupported Authorization Type");
        return verifyHeader(request, header, bucketForVirtualHost);
    }

    private AuthResult verifyHeader(SignedRequest request, String header, String bucketForVirtualHost) {
        if (header.length() > AuthorizationHeader.MAX_LENGTH) throw invalidAuthorizationHeader();
        String credentials = header.substring(SigV2Signer.AUTHORIZATION_PREFIX.length());
        int colon = credentials.indexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) throw invalidAuthorizationHeader();
        String accessKeyId = credentials.substring(0, colon).trim();
        String signature = credentials.substring(colon + 1).trim();
        if (accessKeyId.isEmpty() || signature.isEmpty()) throw invalidAuthorizationHeader();
        requireSingle(request, "Content-MD5");
        requireSingle(request, "Content-Type");

        // x-amz-date, when present, is the request time and signs as an amz header; the
        // Date line is then empty. Otherwise the Date header is signed as sent.
        String amzDate = requireSingle(request, "x-amz-date");
        String date = requireSingle(request, "Date");
        String timestamp = amzDate != null ? amzDate : date;
        Instant requestTime = parseRequestTime(timestamp);
        if (requestTime == null) throw S3Error.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
        Instant now = clock.instant();
        if (Duration.between(requestTime, now).abs().compareTo(allowedSkew) > 0) {
            throw S3Error.REQUEST_TIME_TOO_SKEWED.exception()
                    .with("RequestTime", timestamp.trim())
                    .with("ServerTime", now.toString())
                    .with("MaxAllowedSkewMilliseconds", Long.toString(allowedSkew.toMillis()));
        }

        String dateLine = amzDate != null ? "" : date.trim();
        Credential credential = checkSignature(request, bucketForVirtualHost, accessKeyId, signature, dateLine, false);
        return new AuthResult(credential, PayloadHash.UNSIGNED_PAYLOAD, new byte[0], null, AmzDates.formatBasic(requestTime), null);
    }

    private AuthResult verifyQuery(SignedRequest request, QueryParameters query, String bucketForVirtualHost) {
        String accessKeyId = requiredParameter(query, SigV2Signer.AWS_ACCESS_KEY_ID);
        String signature = requiredParameter(query, SigV2Signer.SIGNATURE);
        String expires = requiredParameter(query, SigV2Signer.EXPIRES);
        requireSingle(request, "Content-MD5");
        requireSingle(request, "Content-Type");

        // Up to 16 digits: any real epoch second, and never beyond Instant.MAX (17 digits).
        if (expires.length() > 16 || !expires.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw S3Error.ACCESS_DENIED.exception("Invalid date (should be seconds since epoch): " + abbreviate(expires));
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(expires));
        Instant now = clock.instant();
        if (now.isAfter(expiresAt)) {
            throw S3Error.ACCESS_DENIED.exception("Request has expired")
                    .with("Expires", expiresAt.toString())
                    .with("ServerTime", now.toString());
        }

        Credential credential = checkSignature(request, bucketForVirtualHost, accessKeyId, signature, expires, true);
        return new AuthResult(credential, PayloadHash.UNSIGNED_PAYLOAD, new byte[0], null, null, null);
    }

    private Credential checkSignature(SignedRequest request, String bucketForVirtualHost, String accessKeyId,
                                      String providedSignature, String dateLine, boolean queryAuth) {
        if (accessKeyId.length() > CredentialScope.MAX_ACCESS_KEY_LENGTH) throw S3Error.INVALID_ACCESS_KEY_ID.exception();
        Credential credential = lookup.find(accessKeyId)
                .orElseThrow(() -> S3Error.INVALID_ACCESS_KEY_ID.exception().with("AWSAccessKeyId", accessKeyId));

        byte[] provided = providedSignature.length() > MAX_SIGNATURE_LENGTH ? null : providedSignature.getBytes(StandardCharsets.UTF_8);
        byte[] secret = credential.secret();
        String stringToSign = SigV2Signer.stringToSign(request, bucketForVirtualHost, dateLine, queryAuth);
        boolean matches = matches(secret, stringToSign, provided);
        String path = request.rawPath();
        if (!matches && bucketForVirtualHost == null && isBucketOnly(path)) {
            // botocore signs a path-style bucket request as "/bucket/" but sends "/bucket"
            // (its auth path always ends a bucket with '/'); both name the same resource.
            SignedRequest withSlash = withRawPath(request, path + '/');
            matches = matches(secret, SigV2Signer.stringToSign(withSlash, null, dateLine, queryAuth), provided);
        }
        Arrays.fill(secret, (byte) 0); // our copy only
        if (!matches) {
            // Same diagnostics as S3: all of it is the client's own input, none of it secret.
            throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception()
                    .with("AWSAccessKeyId", accessKeyId)
                    .with("StringToSign", stringToSign)
                    .with("StringToSignBytes", HexFormat.ofDelimiter(" ").formatHex(stringToSign.getBytes(StandardCharsets.UTF_8)))
                    .with("SignatureProvided", abbreviate(providedSignature));
        }
        return credential;
    }

    // Compares in constant time (no timing hint about how much of a guessed signature was
    // right), as text: decoding would accept several spellings of one signature, since the
    // last base64 character of an HMAC-SHA1 has two unused bits.
    private static boolean matches(byte[] secret, String stringToSign, byte[] provided) {
        if (provided == null) return false;
        byte[] expected = Base64.getEncoder().encodeToString(SigV2Signer.hmacSha1(secret, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, provided);
    }

    /** "/bucket" with nothing after it. */
    private static boolean isBucketOnly(String path) {
        return path != null && path.length() > 1 && path.charAt(0) == '/' && path.indexOf('/', 1) < 0;
    }

    private static SignedRequest withRawPath(SignedRequest request, String path) {
        return new SignedRequest() {
            @Override public String method() { return request.method(); }
            @Override public String rawPath() { return path; }
            @Override public String rawQuery() { return request.rawQuery(); }
            @Override public List<String> headerValues(String name) { return request.headerValues(name); }
            @Override public List<String> headerNames() { return request.headerNames(); }
        };
    }

    /**
     * The RFC 1123 form HTTP clients send ({@code Tue, 27 Mar 2007 19:36:42 +0000} or
     * {@code ... GMT}), or the ISO 8601 basic form SigV4 clients put in x-amz-date.
     */
    static Instant parseRequestTime(String value) {
        if (value == null) return null;
        Instant parsed = AmzDates.parseHttpDate(value);
        return parsed != null ? parsed : AmzDates.parseBasic(value.trim());
    }

    private static String requiredParameter(QueryParameters query, String name) {
        List<String> values = query.values(name);
        if (values.isEmpty() || values.get(0).isEmpty()) throw S3Error.ACCESS_DENIED.exception(MISSING_QUERY_PARAMETERS);
        if (values.size() > 1) throw S3Error.INVALID_ARGUMENT.exception("The " + name + " query parameter must be given once.");
        return values.get(0);
    }

    /** A header that must not be repeated: two values would let the signer and the body reader disagree. */
    private static String requireSingle(SignedRequest request, String name) {
        List<String> values = request.headerValues(name);
        if (values.size() > 1) throw S3Error.INVALID_REQUEST.exception("The " + name + " header must be sent once.");
        return values.isEmpty() ? null : values.get(0);
    }

    private static S3Exception invalidAuthorizationHeader() {
        return S3Error.INVALID_ARGUMENT.exception("AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
    }

    // Echoing client input is useful for debugging, but only a little of it.
    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
