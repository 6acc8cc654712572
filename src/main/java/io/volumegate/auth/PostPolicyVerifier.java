package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds who signed a browser form upload (S3's POST Object). The form carries its own
 * credentials as fields, never in headers: the {@code policy} and its signature, in either
 * of S3's two forms:
 * <ul>
 *   <li>Signature Version 4: {@code x-amz-algorithm} ({@code AWS4-HMAC-SHA256}),
 *       {@code x-amz-credential} ({@code <key>/<yyyyMMdd>/<region>/s3/aws4_request}),
 *       {@code x-amz-date} and {@code x-amz-signature}, the hex HMAC-SHA256 of the policy
 *       field with the key derived for that date and region;</li>
 *   <li>Signature Version 2: {@code AWSAccessKeyId} and {@code signature}, the base64
 *       HMAC-SHA1 of the policy field with the secret.</li>
 * </ul>
 * What the signature covers is the policy field exactly as sent; what the policy allows is
 * {@link PostPolicy}'s to check, and the credential's bucket scope the caller's.
 *
 * <p>Refusals are S3's: a form without any of these fields is anonymous, which this server
 * refuses (403 AccessDenied); one with some but not all of a kind names the missing field
 * (400 InvalidArgument); an unknown key is 403 InvalidAccessKeyId, a wrong signature 403
 * SignatureDoesNotMatch.
 */
public final class PostPolicyVerifier {
    public static final String POLICY = "policy";
    public static final String ALGORITHM = "x-amz-algorithm";
    public static final String CREDENTIAL = "x-amz-credential";
    public static final String DATE = "x-amz-date";
    public static final String SIGNATURE_V4 = "x-amz-signature";
    public static final String ACCESS_KEY_V2 = "awsaccesskeyid";
    public static final String SIGNATURE_V2 = "signature";

    private static final List<String> V4_FIELDS = List.of(ALGORITHM, CREDENTIAL, DATE, SIGNATURE_V4);
    private static final List<String> V2_FIELDS = List.of(ACCESS_KEY_V2, SIGNATURE_V2);
    /** How S3 spells the fields in its messages. */
    private static final Map<String, String> SPELLING = Map.of(POLICY, "Policy", ALGORITHM, "X-Amz-Algorithm",
            CREDENTIAL, "X-Amz-Credential", DATE, "X-Amz-Date", SIGNATURE_V4, "X-Amz-Signature",
            ACCESS_KEY_V2, "AWSAccessKeyId", SIGNATURE_V2, "Signature");
    private static final int MAX_SIGNATURE_LENGTH = 128;

    private final CredentialLookup lookup;
    private final String region;
    private final boolean enforceRegion;

    /**
     * @param region        this server's region
     * @param enforceRegion refuse SigV4 credentials scoped to another region, as
     *                      {@link SigV4Verifier} does
     */
    public PostPolicyVerifier(CredentialLookup lookup, String region, boolean enforceRegion) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.region = Objects.requireNonNull(region, "region");
        this.enforceRegion = enforceRegion;
    }

    /** Whether the form carries any field of a policy signature; one without is anonymous. */
    public static boolean isSigned(Map<String, String> fields) {
        return fields.containsKey(POLICY) || V4_FIELDS.stream().anyMatch(fields::containsKey)
                || V2_FIELDS.stream().anyMatch(fields::containsKey);
    }

    /**
     * The credential whose signature the form's policy carries.
     *
     * @param fields the form's fields by lower-case name
     * @throws S3Exception as S3 refuses such a form
     */
    public Credential verify(Map<String, String> fields) {
        if (!isSigned(fields)) {
            throw S3Error.ACCESS_DENIED.exception("Anonymous requests are not allowed; sign the form's policy with SigV4 or SigV2.");
        }
        boolean v4 = V4_FIELDS.stream().anyMatch(fields::containsKey);
        List<String> required = v4 ? V4_FIELDS : V2_FIELDS;
        for (String field : required) requireField(fields, field);
        requireField(fields, POLICY);
        String policy = fields.get(POLICY);
        return v4 ? verifyV4(fields, policy) : verifyV2(fields.get(ACCESS_KEY_V2), fields.get(SIGNATURE_V2), policy);
    }

    private Credential verifyV4(Map<String, String> fields, String policy) {
        String algorithm = fields.get(ALGORITHM);
        if (!SigV4Signer.ALGORITHM.equals(algorithm)) {
            throw S3Error.INVALID_ARGUMENT.exception("X-Amz-Algorithm only supports \"" + SigV4Signer.ALGORITHM + "\"")
                    .with("ArgumentName", "X-Amz-Algorithm").with("ArgumentValue", abbreviate(algorithm));
        }
        CredentialScope scope = CredentialScope.parse(fields.get(CREDENTIAL),
                message -> invalidArgument("X-Amz-Credential", fields.get(CREDENTIAL), "Error parsing the X-Amz-Credential parameter; " + message));
        String amzDate = fields.get(DATE);
        if (AmzDates.parseBasic(amzDate) == null) {
            throw invalidArgument("X-Amz-Date", amzDate, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }
        if (!scope.date().equals(amzDate.substring(0, 8))) {
            throw invalidArgument("X-Amz-Credential", fields.get(CREDENTIAL), "Invalid credential date \"" + scope.date()
                    + "\". This date is not the same as X-Amz-Date: \"" + amzDate.substring(0, 8) + "\".");
        }
        if (enforceRegion && !region.equals(scope.region())) {
            throw invalidArgument("X-Amz-Credential", fields.get(CREDENTIAL), "Error parsing the X-Amz-Credential parameter; the region '"
                    + scope.region() + "' is wrong; expecting '" + region + "'").with("Region", region);
        }
        Credential credential = find(scope.accessKeyId());
        String provided = fields.get(SIGNATURE_V4);
        byte[] secret = credential.secret();
        String expected = signatureV4(secret, scope.date(), scope.region(), policy);
        Arrays.fill(secret, (byte) 0);
        // Hex either case; constant time, so a guess learns nothing from how long the answer took.
        boolean matches = PayloadHash.isSha256Hex(provided)
                && MessageDigest.isEqual(HexFormat.of().parseHex(expected), HexFormat.of().parseHex(provided));
        if (!matches) throw signatureDoesNotMatch(scope.accessKeyId(), policy, provided);
        return credential;
    }

    private Credential verifyV2(String accessKeyId, String provided, String policy) {
        Credential credential = find(accessKeyId);
        byte[] secret = credential.secret();
        byte[] expected = signatureV2(secret, policy).getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(secret, (byte) 0);
        // As text: decoding would take several spellings of one signature (the last base64 character has spare bits).
        boolean matches = provided.length() <= MAX_SIGNATURE_LENGTH
                && MessageDigest.isEqual(expected, provided.getBytes(StandardCharsets.UTF_8));
        if (!matches) throw signatureDoesNotMatch(accessKeyId, policy, provided);
        return credential;
    }

    /** The x-amz-signature of a policy: hex HMAC-SHA256 of the policy field with the derived key. */
    static String signatureV4(byte[] secret, String date, String region, String policy) {
        return SigV4Signer.signature(SigV4Signer.signingKey(secret, date, region), policy);
    }

    /** The SigV2 signature of a policy: base64 HMAC-SHA1 of the policy field with the secret. */
    static String signatureV2(byte[] secret, String policy) {
        return SigV2Signer.signature(secret, policy);
    }

    private Credential find(String accessKeyId) {
        if (accessKeyId.length() > CredentialScope.MAX_ACCESS_KEY_LENGTH) throw S3Error.INVALID_ACCESS_KEY_ID.exception();
        return lookup.find(accessKeyId)
                .orElseThrow(() -> S3Error.INVALID_ACCESS_KEY_ID.exception().with("AWSAccessKeyId", accessKeyId));
    }

    private static void requireField(Map<String, String> fields, String field) {
        String value = fields.get(field);
        if (value == null || value.isEmpty()) {
            String name = SPELLING.get(field);
            throw invalidArgument(name, "", "Bucket POST must contain a field named '" + name
                    + "'.  If it is specified, please check the order of the fields.");
        }
    }

    private static S3Exception invalidArgument(String name, String value, String message) {
        return S3Error.INVALID_ARGUMENT.exception(message).with("ArgumentName", name).with("ArgumentValue", abbreviate(value));
    }

    // Same diagnostics as S3: the string to sign is the policy, the client's own input.
    private static S3Exception signatureDoesNotMatch(String accessKeyId, String policy, String provided) {
        return S3Error.SIGNATURE_DOES_NOT_MATCH.exception()
                .with("AWSAccessKeyId", accessKeyId)
                .with("StringToSign", policy)
                .with("SignatureProvided", abbreviate(provided));
    }

    private static String abbreviate(String value) {
        if (value == null) return "";
        return value.length() <= 256 ? value : value.substring(0, 256) + "...";
    }
}
