package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks AWS Signature Version 4 on a request, in either of its forms: the Authorization
 * header, or a presigned URL's X-Amz-* query parameters. Answers with an {@link AuthResult}
 * or throws the {@link S3Exception} S3 would answer with.
 *
 * <p>Checks run cheapest and least secret first: shape of the parameters, dates and scope,
 * then the key lookup, then the HMAC. Time is checked before the signature so a client
 * with a wrong clock hears RequestTimeTooSkewed (which SDKs correct for) rather than
 * SignatureDoesNotMatch.
 */
public final class SigV4Verifier {
    static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
    static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
    static final String X_AMZ_DATE = "X-Amz-Date";
    static final String X_AMZ_EXPIRES = "X-Amz-Expires";
    static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
    static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
    static final String X_AMZ_CONTENT_SHA256 = "X-Amz-Content-Sha256";
    private static final List<String> PRESIGN_PARAMETERS =
            List.of(X_AMZ_ALGORITHM, X_AMZ_CREDENTIAL, X_AMZ_DATE, X_AMZ_EXPIRES, X_AMZ_SIGNED_HEADERS, X_AMZ_SIGNATURE);
    private static final int MAX_PRESIGN_PARAMETER_LENGTH = 4096;

    private final CredentialLookup lookup;
    private final Clock clock;
    private final Duration allowedSkew;
    private final String region;
    private final boolean enforceRegion;

    /**
     * @param allowedSkew   largest accepted difference between request time and {@code clock}
     * @param region        this server's region
     * @param enforceRegion refuse signatures scoped to another region; when false the
     *                      client's region is accepted and used to derive the key
     */
    public SigV4Verifier(CredentialLookup lookup, Clock clock, Duration allowedSkew, String region, boolean enforceRegion) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew").abs();
        this.region = Objects.requireNonNull(region, "region");
        this.enforceRegion = enforceRegion;
    }

    /**
     * Whether the request carries SigV4 authentication at all (an {@code AWS4-...}
     * Authorization header or X-Amz-* presign parameters), so the caller can route
     * anonymous, SigV2 and other requests elsewhere. Anything claiming to be v4 but
     * malformed is answered by {@link #verify}, with the error S3 would give.
     */
    public static boolean isSigV4(SignedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null && authorization.startsWith("AWS4-")) return true;
        return isPresigned(QueryParameters.parse(request.rawQuery()));
    }

    private static boolean isPresigned(QueryParameters query) {
        return query.contains(X_AMZ_ALGORITHM) || query.contains(X_AMZ_CREDENTIAL) || query.contains(X_AMZ_SIGNATURE);
    }

    public AuthResult verify(SignedRequest request) {
        QueryParameters query = QueryParameters.parse(request.rawQuery());
        List<String> authorization = request.headerValues("Authorization");
        boolean presigned = isPresigned(query);
        if (presigned && !authorization.isEmpty()) {
            throw S3Error.INVALID_ARGUMENT.exception("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    + "Signature query string parameter or the Authorization header should be specified");
        }
        if (presigned) return verifyPresigned(request, query);
        if (authorization.size() > 1) throw AuthorizationHeader.malformed("only one Authorization header is allowed.");
        if (authorization.size() == 1 && authorization.get(0).startsWith("AWS4-")) {
            return verifyHeader(request, AuthorizationHeader.parse(authorization.get(0)));
        }
        // The caller should have asked isSigV4 first; refusing is the safe answer.
        throw S3Error.ACCESS_DENIED.exception("The request is not signed with AWS Signature Version 4.");
    }

    private AuthResult verifyHeader(SignedRequest request, AuthorizationHeader authorization) {
        String payloadHeader = singleHeader(request, "x-amz-content-sha256");
        if (payloadHeader == null) {
            throw S3Error.INVALID_REQUEST.exception("Missing required header for this request: x-amz-content-sha256");
        }
        String payloadHash = payloadHeader.trim(); // as the canonical header line trims it
        requireAcceptedPayloadHash(payloadHash);

        String amzDate = headerAmzDate(request);
        Instant requestTime = AmzDates.parseBasic(amzDate);
        CredentialScope credential = authorization.credential();
        if (!credential.date().equals(amzDate.substring(0, 8))) {
            throw AuthorizationHeader.malformed("Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        checkRegion(credential, AuthorizationHeader::malformed);

        Instant now = clock.instant();
        if (Duration.between(requestTime, now).abs().compareTo(allowedSkew) > 0) {
            throw S3Error.REQUEST_TIME_TOO_SKEWED.exception()
                    .with("RequestTime", amzDate)
                    .with("ServerTime", now.toString())
                    .with("MaxAllowedSkewMilliseconds", Long.toString(allowedSkew.toMillis()));
        }

        return checkSignature(request, credential, authorization.signedHeaders(), authorization.signature(),
                amzDate, payloadHash, false);
    }

    private AuthResult verifyPresigned(SignedRequest request, QueryParameters query) {
        for (String name : PRESIGN_PARAMETERS) {
            List<String> values = query.values(name);
            if (values.isEmpty()) {
                throw queryError("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                        + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
            }
            if (values.size() > 1) throw queryError(name + " must be given once.");
            if (values.get(0).length() > MAX_PRESIGN_PARAMETER_LENGTH) throw queryError(name + " is too long.");
        }
        String algorithm = query.values(X_AMZ_ALGORITHM).get(0);
        if (!SigV4Signer.ALGORITHM.equals(algorithm)) {
            if (AuthorizationHeader.SIGV4A_ALGORITHM.equals(algorithm)) {
                throw S3Error.NOT_IMPLEMENTED.exception("Signature Version 4A (" + algorithm + ") is not supported; sign with "
                        + SigV4Signer.ALGORITHM + ".");
            }
            throw queryError("X-Amz-Algorithm only supports \"" + SigV4Signer.ALGORITHM + "\"");
        }
        CredentialScope credential = CredentialScope.parse(query.values(X_AMZ_CREDENTIAL).get(0),
                message -> queryError("Error parsing the X-Amz-Credential parameter; " + message));

        String amzDate = query.values(X_AMZ_DATE).get(0);
        Instant signedAt = AmzDates.parseBasic(amzDate);
        if (signedAt == null) throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        long expires = parseExpires(query.values(X_AMZ_EXPIRES).get(0));
        SignedHeaderNames signedHeaders = SignedHeaderNames.parse(query.values(X_AMZ_SIGNED_HEADERS).get(0),
                message -> queryError("Error parsing the X-Amz-SignedHeaders parameter; " + message));
        String signature = query.values(X_AMZ_SIGNATURE).get(0);
        if (!PayloadHash.isSha256Hex(signature)) throw queryError("X-Amz-Signature must be 64 hexadecimal characters.");

        if (!credential.date().equals(amzDate.substring(0, 8))) {
            throw queryError("Invalid credential date \"" + credential.date() + "\". This date is not the same as X-Amz-Date: \""
                    + amzDate.substring(0, 8) + "\".");
        }
        checkRegion(credential, message -> queryError("Error parsing the X-Amz-Credential parameter; " + message));

        // A presigned URL signs no body unless its creator chose to sign a hash.
        List<String> payloadHashes = query.values(X_AMZ_CONTENT_SHA256);
        if (payloadHashes.size() > 1) throw queryError(X_AMZ_CONTENT_SHA256 + " must be given once.");
        String payloadHash = payloadHashes.isEmpty() ? PayloadHash.UNSIGNED_PAYLOAD : payloadHashes.get(0);
        requireAcceptedPayloadHash(payloadHash);

        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(allowedSkew))) {
            throw S3Error.ACCESS_DENIED.exception("Request is not valid yet")
                    .with("X-Amz-Date", amzDate)
                    .with("ServerTime", now.toString());
        }
        Instant expiresAt = signedAt.plusSeconds(expires);
        if (now.isAfter(expiresAt)) {
            throw S3Error.ACCESS_DENIED.exception("Request has expired")
                    .with("X-Amz-Expires", Long.toString(expires))
                    .with("Expires", expiresAt.toString())
                    .with("ServerTime", now.toString());
        }

        return checkSignature(request, credential, signedHeaders, signature, amzDate, payloadHash, true);
    }

    private AuthResult checkSignature(SignedRequest request, CredentialScope scope, SignedHeaderNames signedHeaders,
                                      String providedSignature, String amzDate, String payloadHash, boolean presigned) {
        Credential credential = lookup.find(scope.accessKeyId())
                .orElseThrow(() -> S3Error.INVALID_ACCESS_KEY_ID.exception()
                        .with("AWSAccessKeyId", scope.accessKeyId()));

        String canonicalRequest = SigV4Signer.canonicalRequest(request, signedHeaders.names(), payloadHash, presigned);
        String stringToSign = SigV4Signer.stringToSign(amzDate, scope.scope(), canonicalRequest);
        byte[] signingKey = SigningKeys.of(credential, scope.date(), scope.region());
        String expected = SigV4Signer.signature(signingKey, stringToSign);

        // Compare the decoded bytes in constant time: no timing hint about how much of a
        // guessed signature was right, and upper-case hex from a client is still accepted.
        HexFormat hex = HexFormat.of();
        if (!MessageDigest.isEqual(hex.parseHex(expected), hex.parseHex(providedSignature))) {
            // Same diagnostics as S3: all of it is the client's own input, none of it secret.
            throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception()
                    .with("AWSAccessKeyId", scope.accessKeyId())
                    .with("StringToSign", stringToSign)
                    .with("SignatureProvided", providedSignature)
                    .with("CanonicalRequest", canonicalRequest);
        }
        return new AuthResult(credential, payloadHash, signingKey, expected, amzDate, scope.scope());
    }

    /** x-amz-date, else the Date header converted to the basic format the scope uses. */
    private static String headerAmzDate(SignedRequest request) {
        String amzDate = singleHeader(request, "x-amz-date");
        if (amzDate != null) {
            if (AmzDates.parseBasic(amzDate.trim()) == null) throw missingDate();
            return amzDate.trim();
        }
        String date = singleHeader(request, "Date");
        Instant parsed = date == null ? null : AmzDates.parseHttpDate(date);
        if (parsed == null) throw missingDate();
        return AmzDates.formatBasic(parsed);
    }

    private static S3Exception missingDate() {
        return S3Error.ACCESS_DENIED.exception("AWS authentication requires a valid Date or x-amz-date header");
    }

    private void checkRegion(CredentialScope credential, Function<String, S3Exception> malformed) {
        if (enforceRegion && !region.equals(credential.region())) {
            throw malformed.apply("the region '" + credential.region() + "' is wrong; expecting '" + region + "'")
                    .with("Region", region);
        }
    }

    private static long parseExpires(String value) {
        // Length check first: Long.parseLong must not see absurd input, and 604800 has six digits.
        if (value.isEmpty() || value.length() > 7 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw queryError("X-Amz-Expires should be a number");
        }
        long seconds = Long.parseLong(value);
        if (seconds < 1) throw queryError("X-Amz-Expires must be at least 1 second");
        if (seconds > SigV4Signer.MAX_PRESIGN_EXPIRES_SECONDS) {
            throw queryError("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    private static void requireAcceptedPayloadHash(String payloadHash) {
        if (!PayloadHash.isAccepted(payloadHash)) {
            throw S3Error.INVALID_ARGUMENT.exception(
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
                            + "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
                            + "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER "
                            + "or a valid sha256 value.");
        }
    }

    /** A header that must not be repeated: two values would let the signer and the body reader disagree. */
    private static String singleHeader(SignedRequest request, String name) {
        List<String> values = request.headerValues(name);
        if (values.size() > 1) throw S3Error.INVALID_REQUEST.exception("The " + name + " header must be sent once.");
        return values.isEmpty() ? null : values.get(0);
    }

    private static S3Exception queryError(String message) {
        return S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR.exception(message);
    }
}
