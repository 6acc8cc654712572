package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who signed a form's policy: SigV4 and SigV2 form signatures, and S3's refusals. */
class PostPolicyVerifierTest {
    private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Credential CREDENTIAL =
            new Credential(ACCESS_KEY, SECRET.getBytes(StandardCharsets.UTF_8), Set.of(), false, false);
    private static final PostPolicyVerifier VERIFIER = new PostPolicyVerifier(
            key -> key.equals(ACCESS_KEY) ? Optional.of(CREDENTIAL) : Optional.empty(), "us-east-1", true);

    /**
     * The worked example of AWS's "Example: Browser-Based Upload using HTTP POST (Using AWS
     * Signature Version 4)": its policy, credential and date give its published signature.
     */
    private static final String AWS_EXAMPLE_POLICY = "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";
    private static final String AWS_EXAMPLE_SIGNATURE = "8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e";

    private static Map<String, String> v4(String policy, String signature) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", ACCESS_KEY + "/20151229/us-east-1/s3/aws4_request");
        fields.put("x-amz-date", "20151229T000000Z");
        fields.put("policy", policy);
        fields.put("x-amz-signature", signature);
        return fields;
    }

    private static Map<String, String> v2(String accessKey, String policy, String signature) {
        Map<String, String> fields = new HashMap<>();
        fields.put("awsaccesskeyid", accessKey);
        fields.put("policy", policy);
        fields.put("signature", signature);
        return fields;
    }

    private static String hmacSha1(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }

    private static S3Exception refused(Map<String, String> fields) {
        return assertThrows(S3Exception.class, () -> VERIFIER.verify(fields));
    }

    @Test
    void awsSigV4ExampleVerifies() {
        assertEquals(CREDENTIAL, VERIFIER.verify(v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE)));
        assertEquals(CREDENTIAL, VERIFIER.verify(v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE.toUpperCase())));
    }

    @Test
    void aSigV4SignatureOfAnotherPolicyDoesNotMatch() {
        S3Exception e = refused(v4(AWS_EXAMPLE_POLICY + "=", AWS_EXAMPLE_SIGNATURE));
        assertEquals(S3Error.SIGNATURE_DOES_NOT_MATCH, e.error());
        assertEquals(AWS_EXAMPLE_POLICY + "=", e.details().get("StringToSign"));
        assertEquals(S3Error.SIGNATURE_DOES_NOT_MATCH, refused(v4(AWS_EXAMPLE_POLICY, "not hex")).error());
    }

    @Test
    void sigV2SignsThePolicyWithHmacSha1() throws Exception {
        String policy = Base64.getEncoder().encodeToString("{\"expiration\": \"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(CREDENTIAL, VERIFIER.verify(v2(ACCESS_KEY, policy, hmacSha1(SECRET, policy))));
        String reversed = new StringBuilder(hmacSha1(SECRET, policy)).reverse().toString();
        assertEquals(S3Error.SIGNATURE_DOES_NOT_MATCH, refused(v2(ACCESS_KEY, policy, reversed)).error());
        assertEquals(S3Error.INVALID_ACCESS_KEY_ID, refused(v2("NOSUCHKEY", policy, hmacSha1(SECRET, policy))).error());
    }

    @Test
    void anUnknownSigV4KeyIsInvalidAccessKeyId() {
        Map<String, String> fields = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        fields.put("x-amz-credential", "NOSUCHKEY/20151229/us-east-1/s3/aws4_request");
        assertEquals(S3Error.INVALID_ACCESS_KEY_ID, refused(fields).error());
    }

    @Test
    void aFormWithoutSignatureFieldsIsAnonymous() {
        Map<String, String> fields = Map.of("key", "a", "acl", "private");
        assertFalse(PostPolicyVerifier.isSigned(fields));
        assertEquals(S3Error.ACCESS_DENIED, refused(fields).error());
        assertTrue(PostPolicyVerifier.isSigned(Map.of("policy", "x")));
    }

    @Test
    void aMissingSignatureFieldIsNamed() {
        Map<String, String> v2 = v2(ACCESS_KEY, "cG9saWN5", "sig");
        v2.remove("signature");
        S3Exception e = refused(v2);
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
        assertEquals("Bucket POST must contain a field named 'Signature'.  If it is specified, please check the order of the fields.",
                e.getMessage());
        assertEquals("Signature", e.details().get("ArgumentName"));

        Map<String, String> v4 = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        v4.remove("policy");
        assertEquals("Policy", refused(v4).details().get("ArgumentName"));
        Map<String, String> noDate = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        noDate.remove("x-amz-date");
        assertEquals("X-Amz-Date", refused(noDate).details().get("ArgumentName"));
    }

    @Test
    void malformedSigV4FieldsAreInvalidArguments() {
        Map<String, String> algorithm = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        algorithm.put("x-amz-algorithm", "AWS4-HMAC-SHA1");
        Map<String, String> credential = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        credential.put("x-amz-credential", ACCESS_KEY + "/20151229/us-east-1/s3");
        Map<String, String> date = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        date.put("x-amz-date", "2015-12-29T00:00:00Z");
        Map<String, String> otherDay = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        otherDay.put("x-amz-date", "20151230T000000Z");
        Map<String, String> region = v4(AWS_EXAMPLE_POLICY, AWS_EXAMPLE_SIGNATURE);
        region.put("x-amz-credential", ACCESS_KEY + "/20151229/eu-west-1/s3/aws4_request");
        for (Map<String, String> fields : java.util.List.of(algorithm, credential, date, otherDay, region)) {
            assertEquals(S3Error.INVALID_ARGUMENT, refused(fields).error(), fields.toString());
        }
    }

    @Test
    void theBuilderSignsWhatTheVerifierAccepts() {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        Map<String, String> fields = new PostPolicy.Builder(now.plusSeconds(3600)).equals("bucket", "photos")
                .signV4(ACCESS_KEY, SECRET.getBytes(StandardCharsets.UTF_8), "us-east-1", now);
        assertEquals(ACCESS_KEY + "/20261202/us-east-1/s3/aws4_request", fields.get("x-amz-credential"));
        assertEquals("20261202T100000Z", fields.get("x-amz-date"));
        assertEquals(CREDENTIAL, VERIFIER.verify(fields));
        // the policy pins the signature fields, so the form passes its own policy
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("bucket", "photos");
        PostPolicy.parse(fields.get("policy")).check(form, now);
    }
}
