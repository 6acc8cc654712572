package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.volumegate.auth.AwsExamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigV4VerifierTest {
    private static final List<String> SIGNED = List.of("host", "x-amz-content-sha256", "x-amz-date");
    private static final String SCOPE = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    /** A valid signature of the GET Object example, for tests that fail before it matters. */
    private static final String SOME_SIGNATURE = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";

    /** A GET with the headers every header-signed request carries, not yet signed. */
    private static TestRequest unsignedGet(String rawPath, String rawQuery) {
        return TestRequest.of("GET", rawPath, rawQuery)
                .header("Host", HOST)
                .header("x-amz-date", AMZ_DATE)
                .header("x-amz-content-sha256", EMPTY_SHA256);
    }

    /** Signs with our own signer, as a client would, and adds the Authorization header. */
    private static TestRequest signed(TestRequest request, byte[] secret, String region, List<String> signedHeaders) {
        String payloadHash = request.header("x-amz-content-sha256");
        return request.header("Authorization",
                SigV4Signer.authorization(request, ACCESS_KEY, secret, region, AMZ_DATE, signedHeaders, payloadHash));
    }

    private static TestRequest signedGet(String rawPath) {
        return signed(unsignedGet(rawPath, null), secret(), REGION, SIGNED);
    }

    private static S3Exception refused(S3Error expected, Executable verification) {
        S3Exception e = assertThrows(S3Exception.class, verification);
        assertEquals(expected, e.error(), () -> "message: " + e.getMessage());
        assertFalse(String.valueOf(e.getMessage()).contains(SECRET), "secret leaked into the message");
        e.details().values().forEach(v -> assertFalse(v.contains(SECRET), "secret leaked into the details"));
        return e;
    }

    private static String presigned(String rawPath, Instant at, Duration expires) {
        return SigV4Signer.presignedQuery("GET", rawPath, null, HOST, ACCESS_KEY, secret(), REGION, at, expires);
    }

    @Nested
    class Credentials {
        @Test
        void acceptsItsOwnSignature() {
            assertEquals(CREDENTIAL, verifier().verify(signedGet("/examplebucket/key")).credential());
        }

        @Test
        void wrongSecretIsSignatureDoesNotMatch() {
            TestRequest request = signed(unsignedGet("/examplebucket/key", null),
                    "not the secret".getBytes(StandardCharsets.UTF_8), REGION, SIGNED);
            S3Exception e = refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request));
            // The diagnostics S3 gives, built from the client's own input only.
            assertTrue(e.details().get("CanonicalRequest").startsWith("GET\n/examplebucket/key\n"));
            assertTrue(e.details().get("StringToSign").startsWith("AWS4-HMAC-SHA256\n20130524T000000Z\n"));
            assertEquals(ACCESS_KEY, e.details().get("AWSAccessKeyId"));
        }

        @Test
        void unknownAccessKeyIsInvalidAccessKeyId() {
            CredentialLookup nobody = id -> Optional.empty();
            SigV4Verifier verifier = new SigV4Verifier(nobody, clockAt(TIME), Duration.ofMinutes(15), REGION, false);
            S3Exception e = refused(S3Error.INVALID_ACCESS_KEY_ID, () -> verifier.verify(signedGet("/examplebucket/key")));
            assertEquals(ACCESS_KEY, e.details().get("AWSAccessKeyId"));
        }

        @Test
        void signatureInUpperCaseHexIsAccepted() {
            TestRequest request = unsignedGet("/examplebucket/key", null);
            String authorization = SigV4Signer.authorization(request, ACCESS_KEY, secret(), REGION, AMZ_DATE, SIGNED, EMPTY_SHA256);
            int at = authorization.indexOf("Signature=") + "Signature=".length();
            request.header("Authorization", authorization.substring(0, at) + authorization.substring(at).toUpperCase());
            verifier().verify(request);
        }

        @Test
        void onlyTheLastSignatureDigitWrongIsRefused() {
            TestRequest request = unsignedGet("/examplebucket/key", null);
            String authorization = SigV4Signer.authorization(request, ACCESS_KEY, secret(), REGION, AMZ_DATE, SIGNED, EMPTY_SHA256);
            char last = authorization.charAt(authorization.length() - 1);
            request.header("Authorization", authorization.substring(0, authorization.length() - 1) + (last == '0' ? '1' : '0'));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request));
        }

        @Test
        void signedContentIsBound() {
            // Change what was signed after signing: path, query, a signed header, the method.
            TestRequest original = signed(unsignedGet("/examplebucket/key", "versionId=1"), secret(), REGION,
                    List.of("host", "range", "x-amz-content-sha256", "x-amz-date"));
            verifier().verify(original);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.withPath("/examplebucket/other")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.withQuery("versionId=2")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.withQuery(null)));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.copy().header("Range", "bytes=0-1")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(
                    original.copy().withoutHeader("Host").header("Host", "evil.example.com")));
        }
    }

    @Nested
    class Time {
        @Test
        void withinTheAllowedSkewIsAccepted() {
            verifierAt(TIME.plus(Duration.ofMinutes(15))).verify(signedGet("/examplebucket/key"));
            verifierAt(TIME.minus(Duration.ofMinutes(15))).verify(signedGet("/examplebucket/key"));
        }

        @Test
        void beyondTheAllowedSkewIsRequestTimeTooSkewed() {
            for (Instant now : List.of(TIME.plusSeconds(15 * 60 + 1), TIME.minusSeconds(15 * 60 + 1))) {
                S3Exception e = refused(S3Error.REQUEST_TIME_TOO_SKEWED, () -> verifierAt(now).verify(signedGet("/examplebucket/key")));
                assertEquals(AMZ_DATE, e.details().get("RequestTime"));
                assertEquals(now.toString(), e.details().get("ServerTime"));
            }
        }

        @Test
        void dateHeaderIsUsedWhenXAmzDateIsAbsent() {
            TestRequest request = TestRequest.of("GET", "/examplebucket/key", null)
                    .header("Host", HOST)
                    .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                    .header("x-amz-content-sha256", EMPTY_SHA256);
            signed(request, secret(), REGION, List.of("date", "host", "x-amz-content-sha256"));
            assertEquals(AMZ_DATE, verifier().verify(request).amzDate());
            refused(S3Error.REQUEST_TIME_TOO_SKEWED, () -> verifierAt(TIME.plus(Duration.ofHours(1))).verify(request));
        }

        @Test
        void missingOrInvalidDateIsAccessDenied() {
            TestRequest noDate = signedGet("/examplebucket/key").withoutHeader("x-amz-date");
            assertEquals("AWS authentication requires a valid Date or x-amz-date header",
                    refused(S3Error.ACCESS_DENIED, () -> verifier().verify(noDate)).getMessage());
            for (String bad : List.of("2013-05-24T00:00:00Z", "20130524T000000", "20130231T000000Z", "20130524T250000Z")) {
                TestRequest request = signedGet("/examplebucket/key").withoutHeader("x-amz-date").header("x-amz-date", bad);
                refused(S3Error.ACCESS_DENIED, () -> verifier().verify(request));
            }
        }

        @Test
        void scopeDateMustBeTheRequestDate() {
            TestRequest request = unsignedGet("/examplebucket/key", null).header("Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130523/us-east-1/s3/aws4_request, "
                            + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + SOME_SIGNATURE);
            S3Exception e = refused(S3Error.AUTHORIZATION_HEADER_MALFORMED, () -> verifier().verify(request));
            assertTrue(e.getMessage().contains("Date is not the same as X-Amz-Date"), e.getMessage());
        }
    }

    @Nested
    class Presigned {
        @Test
        void validUntilExactlyTheExpiryThenExpired() {
            TestRequest request = TestRequest.of("GET", "/test.txt", presigned("/test.txt", TIME, Duration.ofSeconds(86400)))
                    .header("Host", HOST);
            verifierAt(TIME.plusSeconds(86400)).verify(request);
            S3Exception e = refused(S3Error.ACCESS_DENIED, () -> verifierAt(TIME.plusSeconds(86401)).verify(request));
            assertEquals("Request has expired", e.getMessage());
            assertEquals("2013-05-25T00:00:00Z", e.details().get("Expires"));
        }

        @Test
        void notYetValidBeyondTheSkewIsAccessDenied() {
            TestRequest request = TestRequest.of("GET", "/test.txt", presigned("/test.txt", TIME, Duration.ofSeconds(60)))
                    .header("Host", HOST);
            verifierAt(TIME.minus(Duration.ofMinutes(15))).verify(request);
            S3Exception e = refused(S3Error.ACCESS_DENIED, () -> verifierAt(TIME.minus(Duration.ofMinutes(16))).verify(request));
            assertEquals("Request is not valid yet", e.getMessage());
        }

        @Test
        void sevenDaysIsTheLongestLifetime() {
            String week = presigned("/test.txt", TIME, Duration.ofSeconds(604800));
            verifierAt(TIME.plus(Duration.ofDays(7))).verify(TestRequest.of("GET", "/test.txt", week).header("Host", HOST));

            // Signed over 604801 seconds by hand, since our own signer refuses to mint it.
            String tooLong = week.replace("X-Amz-Expires=604800", "X-Amz-Expires=604801");
            S3Exception e = refused(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    () -> verifier().verify(TestRequest.of("GET", "/test.txt", tooLong).header("Host", HOST)));
            assertEquals("X-Amz-Expires must be less than a week (in seconds) that is 604800", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "abc", "", "1e3", "99999999999999999999"})
        void expiresMustBeAPositiveNumber(String expires) {
            String query = presigned("/test.txt", TIME, Duration.ofSeconds(60)).replace("X-Amz-Expires=60", "X-Amz-Expires=" + expires);
            refused(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    () -> verifier().verify(TestRequest.of("GET", "/test.txt", query).header("Host", HOST)));
        }

        @Test
        void expiresIsSigned() {
            String query = presigned("/test.txt", TIME, Duration.ofSeconds(60)).replace("X-Amz-Expires=60", "X-Amz-Expires=3600");
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(TestRequest.of("GET", "/test.txt", query).header("Host", HOST)));
        }

        @Test
        void otherQueryParametersAreSigned() {
            String query = SigV4Signer.presignedQuery("GET", "/test.txt", "response-content-type=text%2Fplain", HOST,
                    ACCESS_KEY, secret(), REGION, TIME, Duration.ofSeconds(60));
            verifier().verify(TestRequest.of("GET", "/test.txt", query).header("Host", HOST));
            String tampered = query.replace("text%2Fplain", "text%2Fhtml");
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(TestRequest.of("GET", "/test.txt", tampered).header("Host", HOST)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders"})
        void everyParameterIsRequired(String parameter) {
            String query = presigned("/test.txt", TIME, Duration.ofSeconds(60)).replaceAll(parameter + "=[^&]*&", "");
            refused(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    () -> verifier().verify(TestRequest.of("GET", "/test.txt", query).header("Host", HOST)));
        }

        @Test
        void malformedParametersAreAuthorizationQueryParametersErrors() {
            String good = presigned("/test.txt", TIME, Duration.ofSeconds(60));
            for (String query : List.of(
                    good.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1"),
                    good.replace("%2Fs3%2F", "%2Fs4%2F"),
                    good.replace("X-Amz-Date=20130524T000000Z", "X-Amz-Date=2013-05-24"),
                    good.replace("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=range"),
                    good.replace("X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524", "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130523"),
                    good + "&X-Amz-Expires=60",
                    good.substring(0, good.length() - 1))) {
                refused(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                        () -> verifier().verify(TestRequest.of("GET", "/test.txt", query).header("Host", HOST)));
            }
        }

        @Test
        void signedPayloadHashIsReturned() {
            String query = SigV4Signer.presignedQuery("PUT", "/test.txt", "X-Amz-Content-Sha256=" + EMPTY_SHA256, HOST,
                    ACCESS_KEY, secret(), REGION, TIME, Duration.ofSeconds(60));
            TestRequest request = TestRequest.of("PUT", "/test.txt", query).header("Host", HOST);
            assertEquals(EMPTY_SHA256, verifier().verify(request).payloadHash());
        }

        @Test
        void presignedAndAuthorizationHeaderTogetherAreRefused() {
            TestRequest request = TestRequest.of("GET", "/test.txt", presigned("/test.txt", TIME, Duration.ofSeconds(60)))
                    .header("Host", HOST)
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + SCOPE);
            refused(S3Error.INVALID_ARGUMENT, () -> verifier().verify(request));
        }
    }

    @Nested
    class MalformedAuthorization {
        @ParameterizedTest
        @ValueSource(strings = {
                "AWS4-HMAC-SHA256",
                "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-content-sha256;x-amz-date",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3, SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_requestx, SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/2013-05-24/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524//s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=x-amz-content-sha256;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, Signature=xyz",
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE + "00",
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE,
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE + ", Extra=1",
                "AWS4-HMAC-SHA256 Credential=" + SCOPE + " SignedHeaders=host;x-amz-date Signature=" + SOME_SIGNATURE,
        })
        void isAuthorizationHeaderMalformed(String authorization) {
            TestRequest request = unsignedGet("/examplebucket/key", null).header("Authorization", authorization);
            S3Exception e = refused(S3Error.AUTHORIZATION_HEADER_MALFORMED, () -> verifier().verify(request));
            assertTrue(e.getMessage().startsWith("The authorization header is malformed; "), e.getMessage());
        }

        @Test
        void oversizedHeaderIsRefusedBeforeParsing() {
            String authorization = "AWS4-HMAC-SHA256 Credential=" + SCOPE + ", SignedHeaders=host;" + "x".repeat(20_000)
                    + ", Signature=" + SOME_SIGNATURE;
            TestRequest request = unsignedGet("/examplebucket/key", null).header("Authorization", authorization);
            assertTrue(refused(S3Error.AUTHORIZATION_HEADER_MALFORMED, () -> verifier().verify(request)).getMessage().contains("too long"));
        }

        @Test
        void twoAuthorizationHeadersAreRefused() {
            TestRequest request = signedGet("/examplebucket/key");
            request.header("Authorization", request.header("Authorization"));
            refused(S3Error.AUTHORIZATION_HEADER_MALFORMED, () -> verifier().verify(request));
        }

        @Test
        void otherV4AlgorithmsAreRefusedClearly() {
            String rest = " Credential=" + SCOPE + ", SignedHeaders=host;x-amz-date, Signature=" + SOME_SIGNATURE;
            refused(S3Error.NOT_IMPLEMENTED, () -> verifier().verify(
                    unsignedGet("/k", null).header("Authorization", "AWS4-ECDSA-P256-SHA256" + rest)));
            refused(S3Error.INVALID_ARGUMENT, () -> verifier().verify(
                    unsignedGet("/k", null).header("Authorization", "AWS4-HMAC-SHA512" + rest)));
        }
    }

    @Nested
    class Region {
        @Test
        void notEnforcedAcceptsAnyRegionAndSignsWithIt() {
            TestRequest request = signed(unsignedGet("/examplebucket/key", null), secret(), "eu-west-1", SIGNED);
            assertEquals("20130524/eu-west-1/s3/aws4_request", verifier().verify(request).scope());
        }

        @Test
        void enforcedRefusesAnotherRegionTheWayS3Does() {
            SigV4Verifier strict = new SigV4Verifier(LOOKUP, clockAt(TIME), Duration.ofMinutes(15), REGION, true);
            strict.verify(signedGet("/examplebucket/key"));

            TestRequest request = signed(unsignedGet("/examplebucket/key", null), secret(), "eu-west-1", SIGNED);
            S3Exception e = refused(S3Error.AUTHORIZATION_HEADER_MALFORMED, () -> strict.verify(request));
            assertTrue(e.getMessage().endsWith("the region 'eu-west-1' is wrong; expecting 'us-east-1'"), e.getMessage());
            assertEquals("us-east-1", e.details().get("Region"));

            String query = SigV4Signer.presignedQuery("GET", "/test.txt", null, HOST, ACCESS_KEY, secret(), "eu-west-1",
                    TIME, Duration.ofSeconds(60));
            S3Exception q = refused(S3Error.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                    () -> strict.verify(TestRequest.of("GET", "/test.txt", query).header("Host", HOST)));
            assertTrue(q.getMessage().endsWith("the region 'eu-west-1' is wrong; expecting 'us-east-1'"), q.getMessage());
        }
    }

    @Nested
    class PayloadHashHeader {
        @Test
        void missingIsInvalidRequest() {
            TestRequest request = signedGet("/examplebucket/key").withoutHeader("x-amz-content-sha256");
            assertEquals("Missing required header for this request: x-amz-content-sha256",
                    refused(S3Error.INVALID_REQUEST, () -> verifier().verify(request)).getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "UNSIGNED_PAYLOAD", "unsigned-payload", "STREAMING-AWS4-HMAC-SHA256",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g"})
        void otherValuesAreInvalidArgument(String value) {
            TestRequest request = unsignedGet("/examplebucket/key", null).withoutHeader("x-amz-content-sha256")
                    .header("x-amz-content-sha256", value);
            signed(request, secret(), REGION, SIGNED);
            refused(S3Error.INVALID_ARGUMENT, () -> verifier().verify(request));
        }

        @ParameterizedTest
        @ValueSource(strings = {"UNSIGNED-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
                "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER",
                "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"})
        void acceptedValuesAreSignedAndReturned(String value) {
            TestRequest request = unsignedGet("/examplebucket/key", null).withoutHeader("x-amz-content-sha256")
                    .header("x-amz-content-sha256", value);
            signed(request, secret(), REGION, SIGNED);
            assertEquals(value, verifier().verify(request).payloadHash());
        }

        @Test
        void payloadHashIsSignedEvenWhenNotInSignedHeaders() {
            // It is the last line of the canonical request whatever SignedHeaders says.
            TestRequest request = signed(unsignedGet("/examplebucket/key", null), secret(), REGION, List.of("host", "x-amz-date"));
            verifier().verify(request);
            TestRequest swapped = request.copy().withoutHeader("x-amz-content-sha256")
                    .header("x-amz-content-sha256", PayloadHash.UNSIGNED_PAYLOAD);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(swapped));
        }
    }

    @Nested
    class Canonicalisation {
        @Test
        void foldedAndPaddedHeaderValuesSignLikeTheirCollapsedForm() {
            List<String> signedHeaders = List.of("host", "x-amz-content-sha256", "x-amz-date", "x-amz-meta-note");
            TestRequest clean = unsignedGet("/examplebucket/key", null).header("x-amz-meta-note", "a b c");
            String authorization = SigV4Signer.authorization(clean, ACCESS_KEY, secret(), REGION, AMZ_DATE, signedHeaders, EMPTY_SHA256);

            // An obs-folded line as a container may pass it on: CR LF, tabs, runs of spaces.
            TestRequest folded = unsignedGet("/examplebucket/key", null)
                    .header("x-amz-meta-note", "  a \r\n\t b\t\t c  ")
                    .header("Authorization", authorization);
            verifier().verify(folded);

            TestRequest different = unsignedGet("/examplebucket/key", null)
                    .header("x-amz-meta-note", "a bc")
                    .header("Authorization", authorization);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(different));
        }

        @Test
        void repeatedHeaderValuesAreJoinedWithCommas() {
            assertEquals("a,b c,d", SigV4Signer.canonicalHeaderValue(List.of(" a ", "b   c", "d")));
            List<String> signedHeaders = List.of("host", "x-amz-content-sha256", "x-amz-date", "x-amz-meta-tag");
            TestRequest joined = unsignedGet("/examplebucket/key", null).header("x-amz-meta-tag", "one,two");
            String authorization = SigV4Signer.authorization(joined, ACCESS_KEY, secret(), REGION, AMZ_DATE, signedHeaders, EMPTY_SHA256);
            TestRequest repeated = unsignedGet("/examplebucket/key", null)
                    .header("x-amz-meta-tag", "one").header("x-amz-meta-tag", " two ")
                    .header("Authorization", authorization);
            verifier().verify(repeated);
        }

        @Test
        void keyWithCharactersThatNeedEncoding() {
            // How an SDK sends the key "dir/my file+100%~é.txt": space %20, + %2B, % %25, é %C3%A9, ~ bare.
            String rawPath = "/examplebucket/dir/my%20file%2B100%25~%C3%A9.txt";
            assertEquals(rawPath, SigV4Signer.canonicalUri(rawPath));
            TestRequest request = signedGet(rawPath);
            assertEquals(CREDENTIAL, verifier().verify(request).credential());

            // Equivalent spellings of the same key sign the same: ~ escaped, lower-case hex, é unescaped.
            verifier().verify(request.withPath("/examplebucket/dir/my%20file%2b100%25%7E%c3%a9.txt"));
            verifier().verify(request.withPath("/examplebucket/dir/my%20file%2B100%25~é.txt"));

            // '+' in a path is a plus, never a space; a bare '%' is not the same key as %25.
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(request.withPath("/examplebucket/dir/my+file%2B100%25~%C3%A9.txt")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(request.withPath("/examplebucket/dir/my%20file%2B100%2525~%C3%A9.txt")));
        }

        @Test
        void pathIsNeitherNormalisedNorDoubleEncoded() {
            assertEquals("/b/a//c/../d/./e", SigV4Signer.canonicalUri("/b/a//c/../d/./e"));
            // An encoded slash is a slash, as S3 canonicalises it.
            assertEquals("/b/a/c", SigV4Signer.canonicalUri("/b/a%2Fc"));
            assertEquals("/b/a/c", SigV4Signer.canonicalUri("/b/a%2fc"));
            assertEquals("/", SigV4Signer.canonicalUri(""));
            assertEquals("/b/", SigV4Signer.canonicalUri("/b/"));

            TestRequest dotted = signedGet("/examplebucket/a//b/../c");
            verifier().verify(dotted);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(dotted.withPath("/examplebucket/a/c")));
            // The AWS SDK for Java v2 signs the key "a//b" as is, and its Apache HTTP clients then
            // send the path with "//" rewritten to "/%2F": S3 accepts that, so must we.
            TestRequest doubleSlash = signedGet("/examplebucket/a//b");
            verifier().verify(doubleSlash.withPath("/examplebucket/a/%2Fb"));
            verifier().verify(signedGet("/examplebucket/a%2Fb").withPath("/examplebucket/a/b"));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(doubleSlash.withPath("/examplebucket/a/b")));
        }

        @Test
        void queryIsDecodedReEncodedAndSorted() {
            assertEquals("a=0&a=1&b=2&c=", SigV4Signer.canonicalQuery("b=2&a=1&a=0&c", false));
            assertEquals("q=a%2Bb", SigV4Signer.canonicalQuery("q=a+b", false));
            assertEquals("q=a%2Bb", SigV4Signer.canonicalQuery("q=a%2bb", false));
            assertEquals("q=a%20b", SigV4Signer.canonicalQuery("q=a%20b", false));
            assertEquals("prefix=%C3%A9~%2F", SigV4Signer.canonicalQuery("prefix=é%7E/", false));
            assertEquals("a=1&b=2", SigV4Signer.canonicalQuery("a=1&&b=2&", false));
            assertEquals("x=%3D", SigV4Signer.canonicalQuery("x==", false));
            // Sorted on the encoded name: "%2A" < "A" < "a".
            assertEquals("%2A=1&A=2&a=3", SigV4Signer.canonicalQuery("a=3&A=2&*=1", false));
            assertEquals("", SigV4Signer.canonicalQuery(null, false));
            assertEquals("X-Amz-Signature=1", SigV4Signer.canonicalQuery("X-Amz-Signature=1", false));
            assertEquals("", SigV4Signer.canonicalQuery("X-Amz-Signature=1", true));
        }

        @Test
        void querySignedWithSpecialCharactersVerifies() {
            TestRequest request = signed(unsignedGet("/examplebucket", "prefix=a%20b%2Bc%25&delimiter=%2F&list-type=2"),
                    secret(), REGION, SIGNED);
            verifier().verify(request);
            // A '+' is not a space: the client that meant a space sent %20.
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(request.withQuery("prefix=a+b%2Bc%25&delimiter=%2F&list-type=2")));
        }
    }

    @Nested
    class Detection {
        @Test
        void recognisesBothV4FormsAndNothingElse() {
            assertTrue(SigV4Verifier.isSigV4(signedGet("/b/k")));
            assertTrue(SigV4Verifier.isSigV4(TestRequest.of("GET", "/test.txt", presigned("/test.txt", TIME, Duration.ofSeconds(60)))));
            assertFalse(SigV4Verifier.isSigV4(TestRequest.of("GET", "/b/k", null)));
            assertFalse(SigV4Verifier.isSigV4(TestRequest.of("GET", "/b/k", "x-amz-date=1")));
            assertFalse(SigV4Verifier.isSigV4(TestRequest.of("GET", "/b/k", null).header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:abc=")));
            assertFalse(SigV4Verifier.isSigV4(TestRequest.of("GET", "/b/k", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1&Signature=abc")));
        }

        @Test
        void unsignedRequestIsAccessDeniedIfVerifiedAnyway() {
            refused(S3Error.ACCESS_DENIED, () -> verifier().verify(TestRequest.of("GET", "/b/k", null)));
        }
    }

    @Test
    void restrictedCredentialIsStillAuthenticated() {
        // Authorisation is the caller's business: the verifier only says who signed.
        Credential readOnly = new Credential(ACCESS_KEY, secret(), Set.of("examplebucket"), true, false);
        SigV4Verifier verifier = new SigV4Verifier(id -> Optional.of(readOnly), clockAt(TIME), Duration.ofMinutes(15), REGION, false);
        assertEquals(readOnly, verifier.verify(signedGet("/examplebucket/key")).credential());
    }
}
