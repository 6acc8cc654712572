package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.volumegate.auth.AwsExamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigV2VerifierTest {
    private static final Instant NOW = Instant.parse("2023-11-14T22:13:20Z");
    private static final String DATE = "Tue, 14 Nov 2023 22:13:20 GMT";
    private static final long IN_AN_HOUR = NOW.getEpochSecond() + 3600;
    /** Space, '+', '%' and 'é' in a key, encoded as SDKs send them. */
    private static final String AWKWARD_PATH = "/bucket/dir/my%20key%2Bplus%25pct%20%C3%A9.txt";

    private static SigV2Verifier verifierAt(Instant now) {
        return new SigV2Verifier(LOOKUP, clockAt(now), Duration.ofMinutes(15));
    }

    private static SigV2Verifier verifier() {
        return verifierAt(NOW);
    }

    private static TestRequest unsigned(String method, String rawPath, String rawQuery) {
        return TestRequest.of(method, rawPath, rawQuery).header("Host", "localhost:8080").header("Date", DATE);
    }

    /** Signs in header form with our own signer, as a client would. */
    private static TestRequest signed(TestRequest request, String bucketForVirtualHost, byte[] secret) {
        return request.header("Authorization", SigV2Signer.authorization(request, bucketForVirtualHost, ACCESS_KEY, secret));
    }

    private static TestRequest signed(TestRequest request) {
        return signed(request, null, secret());
    }

    private static TestRequest signedGet(String rawPath) {
        return signed(unsigned("GET", rawPath, null));
    }

    private static TestRequest presigned(String method, String rawPath, String rawQuery, long expires) {
        return TestRequest.of(method, rawPath,
                        SigV2Signer.presignedQuery(method, null, rawPath, rawQuery, ACCESS_KEY, secret(), expires))
                .header("Host", "localhost:8080");
    }

    private static S3Exception refused(S3Error expected, Executable verification) {
        S3Exception e = assertThrows(S3Exception.class, verification);
        assertEquals(expected, e.error(), () -> "message: " + e.getMessage());
        assertFalse(String.valueOf(e.getMessage()).contains(SECRET), "secret leaked into the message");
        e.details().values().forEach(v -> assertFalse(v.contains(SECRET), "secret leaked into the details"));
        return e;
    }

    @Nested
    class Detection {
        @Test
        void headerAndQueryFormsAreSigV2() {
            assertTrue(SigV2Verifier.isSigV2(signedGet("/bucket/key")));
            assertTrue(SigV2Verifier.isSigV2(presigned("GET", "/bucket/key", null, IN_AN_HOUR)));
        }

        @Test
        void otherRequestsAreNot() {
            assertFalse(SigV2Verifier.isSigV2(unsigned("GET", "/bucket/key", null)));
            assertFalse(SigV2Verifier.isSigV2(unsigned("GET", "/bucket/key", null).header("Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                            + "SignedHeaders=host, Signature=0")));
            assertFalse(SigV2Verifier.isSigV2(unsigned("GET", "/bucket/key", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE")));
            assertFalse(SigV2Verifier.isSigV2(unsigned("GET", "/bucket/key", "X-Amz-Signature=00")));
            assertFalse(SigV4Verifier.isSigV4(signedGet("/bucket/key")));
        }
    }

    @Nested
    class Credentials {
        @Test
        void acceptsItsOwnSignature() {
            AuthResult result = verifier().verify(signedGet("/bucket/key"));
            assertEquals(CREDENTIAL, result.credential());
            assertEquals(PayloadHash.UNSIGNED_PAYLOAD, result.payloadHash());
            assertEquals(0, result.signingKey().length);
            assertNull(result.seedSignature());
            assertEquals("20231114T221320Z", result.amzDate());
            assertNull(result.scope());
        }

        @Test
        void wrongSecretIsSignatureDoesNotMatch() {
            TestRequest request = signed(unsigned("GET", "/bucket/key", null), null,
                    "not the secret".getBytes(StandardCharsets.UTF_8));
            S3Exception e = refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request));
            // The diagnostics S3 gives, built from the client's own input only.
            assertEquals("GET\n\n\n" + DATE + "\n/bucket/key", e.details().get("StringToSign"));
            assertTrue(e.details().get("StringToSignBytes").startsWith("47 45 54 0a 0a 0a 54 75 65"));
            assertEquals(ACCESS_KEY, e.details().get("AWSAccessKeyId"));
            assertEquals(request.header("Authorization").substring(("AWS " + ACCESS_KEY + ":").length()),
                    e.details().get("SignatureProvided"));
        }

        @Test
        void unknownAccessKeyIsInvalidAccessKeyId() {
            SigV2Verifier verifier = new SigV2Verifier(id -> Optional.empty(), clockAt(NOW), Duration.ofMinutes(15));
            S3Exception e = refused(S3Error.INVALID_ACCESS_KEY_ID, () -> verifier.verify(signedGet("/bucket/key")));
            assertEquals(ACCESS_KEY, e.details().get("AWSAccessKeyId"));
            refused(S3Error.INVALID_ACCESS_KEY_ID, () -> verifier.verify(presigned("GET", "/bucket/key", null, IN_AN_HOUR)));
        }

        @Test
        void aSignatureOffByOneCharacterOrNotBase64IsRefused() {
            TestRequest request = signedGet("/bucket/key");
            String authorization = request.header("Authorization");
            String signature = authorization.substring(authorization.indexOf(':') + 1);
            char first = signature.charAt(0);
            List<String> wrong = List.of(
                    (first == 'A' ? 'B' : 'A') + signature.substring(1),
                    signature.substring(0, signature.length() - 2), // 19 bytes, not 20
                    "not base64 at all!",
                    signature + signature + signature, // far too long
                    "");
            for (String bad : wrong) {
                TestRequest tampered = request.copy().withoutHeader("Authorization")
                        .header("Authorization", "AWS " + ACCESS_KEY + ":" + bad);
                S3Error expected = bad.isEmpty() ? S3Error.INVALID_ARGUMENT : S3Error.SIGNATURE_DOES_NOT_MATCH;
                refused(expected, () -> verifier().verify(tampered));
            }
        }

        @Test
        void signedContentIsBound() {
            TestRequest original = signed(unsigned("PUT", "/bucket/key", "uploadId=abc&partNumber=1")
                    .header("Content-Type", "text/plain")
                    .header("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==")
                    .header("x-amz-meta-color", "blue"));
            verifier().verify(original);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.withPath("/bucket/other")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.withPath("/other/key")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.withQuery("uploadId=abc&partNumber=2")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.withQuery(null)));
            for (String header : List.of("Content-Type", "Content-MD5", "x-amz-meta-color")) {
                refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                        () -> verifier().verify(original.copy().withoutHeader(header).header(header, "changed")));
                refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(original.copy().withoutHeader(header)));
            }
            // An x-amz-* header added after signing is refused; other headers are not signed.
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(original.copy().header("x-amz-acl", "public-read-write")));
            verifier().verify(original.copy().header("User-Agent", "curl/8").header("Content-Length", "5").header("Expect", "100-continue"));
        }

        @Test
        void aSignatureHasExactlyOneSpelling() {
            // The last base64 digit of 20 bytes carries two unused bits: three other digits
            // decode to the same bytes, and each must still be refused.
            TestRequest original = signedGet("/bucket/key");
            String header = original.headerValues("Authorization").get(0);
            int last = header.length() - 2; // before the '=' padding
            String digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (char digit : digits.toCharArray()) {
                if (digit == header.charAt(last)) continue;
                String respelled = header.substring(0, last) + digit + "=";
                refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                        () -> verifier().verify(original.copy().withoutHeader("Authorization").header("Authorization", respelled)));
            }
        }

        @Test
        void repeatedEntityHeadersAreRefused() {
            TestRequest request = signed(unsigned("PUT", "/bucket/key", null).header("Content-Type", "text/plain"));
            refused(S3Error.INVALID_REQUEST, () -> verifier().verify(request.copy().header("Content-Type", "text/html")));
        }
    }

    @Nested
    class AuthorizationHeaderForm {
        @Test
        void malformedHeadersAreInvalidArgument() {
            for (String value : List.of("AWS ", "AWS " + ACCESS_KEY, "AWS :c2ln", "AWS " + ACCESS_KEY + ":", "AWS  : ")) {
                S3Exception e = refused(S3Error.INVALID_ARGUMENT,
                        () -> verifier().verify(unsigned("GET", "/bucket/key", null).header("Authorization", value)));
                assertEquals("AWS authorization header is invalid.  Expected AwsAccessKeyId:signature", e.getMessage());
            }
        }

        @Test
        void otherSchemesAreRefused() {
            refused(S3Error.INVALID_ARGUMENT,
                    () -> verifier().verify(unsigned("GET", "/bucket/key", null).header("Authorization", "Bearer abc")));
            refused(S3Error.ACCESS_DENIED, () -> verifier().verify(unsigned("GET", "/bucket/key", null)
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=x")));
            refused(S3Error.ACCESS_DENIED, () -> verifier().verify(unsigned("GET", "/bucket/key", null)));
        }

        @Test
        void twoAuthorizationHeadersAreRefused() {
            TestRequest request = signedGet("/bucket/key");
            refused(S3Error.INVALID_ARGUMENT,
                    () -> verifier().verify(request.copy().header("Authorization", request.header("Authorization"))));
        }
    }

    @Nested
    class Time {
        @Test
        void withinTheAllowedSkewIsAccepted() {
            verifierAt(NOW.plus(Duration.ofMinutes(15))).verify(signedGet("/bucket/key"));
            verifierAt(NOW.minus(Duration.ofMinutes(15))).verify(signedGet("/bucket/key"));
        }

        @Test
        void beyondTheAllowedSkewIsRequestTimeTooSkewed() {
            for (Instant now : List.of(NOW.plusSeconds(15 * 60 + 1), NOW.minusSeconds(15 * 60 + 1))) {
                S3Exception e = refused(S3Error.REQUEST_TIME_TOO_SKEWED, () -> verifierAt(now).verify(signedGet("/bucket/key")));
                assertEquals(DATE, e.details().get("RequestTime"));
                assertEquals(now.toString(), e.details().get("ServerTime"));
                assertEquals("900000", e.details().get("MaxAllowedSkewMilliseconds"));
            }
        }

        @Test
        void xAmzDateEmptiesTheDateLineAndIsSignedAsAnAmzHeader() {
            // s3cmd's way: x-amz-date only. Here a stale Date header rides along and is ignored.
            String amzDate = "Tue, 14 Nov 2023 22:13:20 +0000";
            TestRequest request = TestRequest.of("DELETE", "/bucket/photos/puppy.jpg", null)
                    .header("Host", "localhost:8080")
                    .header("Date", "Mon, 01 Jan 2001 00:00:00 GMT")
                    .header("x-amz-date", amzDate);
            assertEquals("DELETE\n\n\n\nx-amz-date:" + amzDate + "\n/bucket/photos/puppy.jpg",
                    SigV2Signer.stringToSign(request, null, "", false));
            signed(request);
            AuthResult result = verifier().verify(request);
            assertEquals("20231114T221320Z", result.amzDate());

            // The skew is measured on x-amz-date, not on the Date header.
            refused(S3Error.REQUEST_TIME_TOO_SKEWED, () -> verifierAt(NOW.plus(Duration.ofHours(1))).verify(request));

            // Signing the Date header's value on the Date line as well is not S3's rule.
            String dateLineSigned = SigV2Signer.signature(secret(),
                    SigV2Signer.stringToSign(request, null, "Mon, 01 Jan 2001 00:00:00 GMT", false));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request.copy().withoutHeader("Authorization")
                    .header("Authorization", "AWS " + ACCESS_KEY + ":" + dateLineSigned)));
        }

        @Test
        void isoBasicXAmzDateIsAccepted() {
            TestRequest request = signed(TestRequest.of("GET", "/bucket/key", null).header("x-amz-date", "20231114T221320Z"));
            assertEquals("20231114T221320Z", verifier().verify(request).amzDate());
        }

        @Test
        void missingOrInvalidDateIsAccessDenied() {
            TestRequest noDate = signed(TestRequest.of("GET", "/bucket/key", null));
            assertEquals("AWS authentication requires a valid Date or x-amz-date header",
                    refused(S3Error.ACCESS_DENIED, () -> verifier().verify(noDate)).getMessage());
            for (String bad : List.of("yesterday", "2023-11-14T22:13:20Z", "Tue, 31 Nov 2023 22:13:20 GMT", "1700000000")) {
                refused(S3Error.ACCESS_DENIED, () -> verifier().verify(signed(TestRequest.of("GET", "/bucket/key", null)
                        .header("Date", bad))));
                refused(S3Error.ACCESS_DENIED, () -> verifier().verify(signed(TestRequest.of("GET", "/bucket/key", null)
                        .header("Date", DATE).header("x-amz-date", bad))));
            }
        }

        @Test
        void repeatedDateHeadersAreRefused() {
            TestRequest request = signedGet("/bucket/key").header("Date", DATE);
            refused(S3Error.INVALID_REQUEST, () -> verifier().verify(request));
        }
    }

    @Nested
    class AmzHeaders {
        @Test
        void lowerCasedSortedTrimmedJoinedAndUnfolded() {
            TestRequest request = unsigned("PUT", "/bucket/key", null)
                    .header("Content-Type", "text/plain")
                    .header("X-Amz-Meta-Zebra", "  last  ")
                    .header("x-amz-meta-Apple", "one")
                    .header("X-AMZ-META-APPLE", " two")
                    .header("x-amz-meta-folded", "first line\r\n\t continued")
                    .header("x-amz-meta-empty", "")
                    .header("X-Amz-Storage-Class", "STANDARD")
                    .header("x-amzfoo", "not an amz header")
                    .header("Content-Length", "5");
            assertEquals("""
                    PUT

                    text/plain
                    Tue, 14 Nov 2023 22:13:20 GMT
                    x-amz-meta-apple:one,two
                    x-amz-meta-empty:
                    x-amz-meta-folded:first line continued
                    x-amz-meta-zebra:last
                    x-amz-storage-class:STANDARD
                    /bucket/key""", SigV2Signer.stringToSign(request, null, DATE, false));
            verifier().verify(signed(request));
        }
    }

    @Nested
    class Resource {
        @Test
        void subResourcesAreSignedSortedAndDecodedOtherParametersAreNot() {
            assertEquals("/bucket/key?partNumber=3&uploadId=a+b/c=",
                    SigV2Signer.canonicalizedResource(null, "/bucket/key", "uploadId=a%2Bb%2Fc%3D&partNumber=3"));
            assertEquals("/bucket/?acl", SigV2Signer.canonicalizedResource(null, "/bucket/", "acl"));
            assertEquals("/bucket/?acl=", SigV2Signer.canonicalizedResource(null, "/bucket/", "acl="));
            assertEquals("/bucket/", SigV2Signer.canonicalizedResource(null, "/bucket/",
                    "prefix=photos&max-keys=50&marker=puppy&list-type=2&delimiter=%2F&encoding-type=url"));
            assertEquals("/bucket/key?response-content-disposition=attachment; filename=\"a b.txt\""
                            + "&response-content-type=text/plain; charset=utf-8&versionId=v1",
                    SigV2Signer.canonicalizedResource(null, "/bucket/key", "versionId=v1&x-id=GetObject"
                            + "&response-content-type=text%2Fplain%3B%20charset%3Dutf-8"
                            + "&response-content-disposition=attachment%3B%20filename%3D%22a%20b.txt%22"));
            assertEquals("/bucket/?delete", SigV2Signer.canonicalizedResource(null, "/bucket/", "delete"));
            assertEquals("/bucket/key?tagging&versionId=2", SigV2Signer.canonicalizedResource(null, "/bucket/key", "versionId=2&tagging"));
            assertEquals("/", SigV2Signer.canonicalizedResource(null, "", null));
            assertEquals("/bucket/", SigV2Signer.canonicalizedResource("bucket", "/", ""));
        }

        @Test
        void subResourcesAreVerified() {
            TestRequest acl = signed(unsigned("GET", "/bucket/key", "acl"));
            verifier().verify(acl);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(acl.withQuery("tagging")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(acl.withQuery(null)));

            TestRequest part = signed(unsigned("PUT", "/bucket/key", "partNumber=2&uploadId=VXBsb2FkIElE%2B%2F%3D"));
            verifier().verify(part);
            // The same parameters in another order and encoding sign the same resource.
            verifier().verify(part.withQuery("uploadId=VXBsb2FkIElE+%2f=&partNumber=2"));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(part.withQuery("partNumber=3&uploadId=VXBsb2FkIElE%2B%2F%3D")));

            TestRequest overridden = signed(unsigned("GET", "/bucket/key", "response-content-type=text%2Fplain"));
            verifier().verify(overridden);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(overridden.withQuery("response-content-type=text%2Fhtml")));
        }

        @Test
        void ordinaryQueryParametersAreNotSigned() {
            TestRequest list = signed(unsigned("GET", "/bucket/", "prefix=photos&max-keys=50"));
            verifier().verify(list);
            verifier().verify(list.withQuery("prefix=other&max-keys=1000&list-type=2"));
        }

        @Test
        void awkwardKeysAreSignedAsTheEncodedPathSent() {
            TestRequest request = signedGet(AWKWARD_PATH);
            assertTrue(request.header("Authorization").startsWith("AWS "));
            verifier().verify(request);
            // Taken literally: the same key with lower-case hex, or decoded, is another string.
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(request.withPath("/bucket/dir/my%20key%2bplus%25pct%20%c3%a9.txt")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(request.withPath("/bucket/dir/my key+plus%pct é.txt")));
            // A '+' sent bare is a '+' in the path the client signed.
            verifier().verify(signedGet("/bucket/a+b"));
        }

        @Test
        void bucketOnlyPathMayBeSignedWithOrWithoutTheTrailingSlash() {
            verifier().verify(signedGet("/bucket"));
            verifier().verify(signedGet("/bucket/"));
            // botocore signs "/bucket/" while it sends "/bucket".
            TestRequest botocoreStyle = signedGet("/bucket/").withPath("/bucket");
            verifier().verify(botocoreStyle);
            // Only for the bucket itself: an object's path is taken as it is.
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(signedGet("/bucket/key/").withPath("/bucket/key")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(signedGet("/bucket").withPath("/bucket/")));
        }

        @Test
        void virtualHostRequestsSignTheBucketFromTheHost() {
            TestRequest request = signed(TestRequest.of("GET", "/dir/key.txt", null)
                    .header("Host", "bucket.s3.example.test:8080").header("Date", DATE), "bucket", secret());
            assertEquals("GET\n\n\n" + DATE + "\n/bucket/dir/key.txt", SigV2Signer.stringToSign(request, "bucket", DATE, false));
            verifier().verify(request, "bucket");
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request, "other"));
            assertThrows(IllegalArgumentException.class, () -> verifier().verify(request, ""));
        }

        @Test
        void theContextPathIsNotPartOfTheSignedResource() {
            TestRequest request = signedGet("/bucket/key").withPath("/s3/bucket/key");
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request));
            SignedRequest relative = SigV2Verifier.withoutContextPath(request, "/s3");
            assertEquals("/bucket/key", relative.rawPath());
            assertEquals(request.headerNames(), relative.headerNames());
            verifier().verify(relative);

            assertEquals("/", SigV2Verifier.withoutContextPath(TestRequest.of("GET", "/s3", null), "/s3").rawPath());
            TestRequest notUnder = TestRequest.of("GET", "/s3x/key", null);
            assertSame(notUnder, SigV2Verifier.withoutContextPath(notUnder, "/s3"));
            assertSame(notUnder, SigV2Verifier.withoutContextPath(notUnder, ""));
        }
    }

    @Nested
    class Presigned {
        @Test
        void validUntilExactlyTheExpiryThenExpired() {
            TestRequest request = presigned("GET", AWKWARD_PATH, null, IN_AN_HOUR);
            AuthResult result = verifierAt(Instant.ofEpochSecond(IN_AN_HOUR)).verify(request);
            assertEquals(CREDENTIAL, result.credential());
            assertEquals(PayloadHash.UNSIGNED_PAYLOAD, result.payloadHash());
            assertNull(result.amzDate());
            S3Exception e = refused(S3Error.ACCESS_DENIED,
                    () -> verifierAt(Instant.ofEpochSecond(IN_AN_HOUR, 1_000_000)).verify(request));
            assertEquals("Request has expired", e.getMessage());
            assertEquals("2023-11-14T23:13:20Z", e.details().get("Expires"));
        }

        @Test
        void noSkewCheckAppliesToTheDateHeaderOfAPresignedRequest() {
            verifier().verify(presigned("GET", "/bucket/key", null, IN_AN_HOUR).header("Date", "Mon, 01 Jan 2001 00:00:00 GMT"));
            verifierAt(Instant.EPOCH).verify(presigned("GET", "/bucket/key", null, IN_AN_HOUR));
        }

        @Test
        void theExpiryIsSigned() {
            TestRequest request = presigned("GET", "/bucket/key", null, IN_AN_HOUR);
            String longer = request.rawQuery().replace("Expires=" + IN_AN_HOUR, "Expires=" + (IN_AN_HOUR + 86400));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request.withQuery(longer)));
        }

        @Test
        void missingOrEmptyParametersAreAccessDenied() {
            String query = presigned("GET", "/bucket/key", null, IN_AN_HOUR).rawQuery();
            for (String name : List.of("AWSAccessKeyId", "Signature", "Expires")) {
                String without = query.replaceAll("(^|&)" + name + "=[^&]*", "").replaceFirst("^&", "");
                String empty = query.replaceAll("(^|&)(" + name + ")=[^&]*", "$1$2=");
                for (String broken : List.of(without, empty)) {
                    S3Exception e = refused(S3Error.ACCESS_DENIED,
                            () -> verifier().verify(TestRequest.of("GET", "/bucket/key", broken)));
                    assertEquals("Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters",
                            e.getMessage());
                }
            }
        }

        @Test
        void expiresMustBeEpochSeconds() {
            for (String bad : List.of("tomorrow", "-1", "1.5", "99999999999999999", "99999999999999999999999")) {
                String query = presigned("GET", "/bucket/key", null, IN_AN_HOUR).rawQuery()
                        .replace("Expires=" + IN_AN_HOUR, "Expires=" + bad);
                S3Exception e = refused(S3Error.ACCESS_DENIED, () -> verifier().verify(TestRequest.of("GET", "/bucket/key", query)));
                assertTrue(e.getMessage().startsWith("Invalid date (should be seconds since epoch)"), e.getMessage());
            }
        }

        @Test
        void repeatedParametersAreRefused() {
            TestRequest request = presigned("GET", "/bucket/key", null, IN_AN_HOUR);
            refused(S3Error.INVALID_ARGUMENT, () -> verifier().verify(request.withQuery(request.rawQuery() + "&Signature=abc")));
        }

        @Test
        void onlyOneAuthenticationMechanism() {
            TestRequest request = presigned("GET", "/bucket/key", null, IN_AN_HOUR);
            refused(S3Error.INVALID_ARGUMENT, () -> verifier().verify(request.copy().header("Authorization", "AWS a:b")));
            refused(S3Error.INVALID_ARGUMENT, () -> verifier().verify(
                    request.withQuery(request.rawQuery() + "&X-Amz-Algorithm=AWS4-HMAC-SHA256")));
        }

        @Test
        void signatureMayCarryItsPlusEncodedOrBare() {
            // Find an expiry whose signature holds a '+', so both spellings are exercised.
            long expires = IN_AN_HOUR;
            String query;
            do {
                query = SigV2Signer.presignedQuery("GET", null, "/bucket/key", null, ACCESS_KEY, secret(), ++expires);
            } while (!query.contains("%2B"));
            verifier().verify(TestRequest.of("GET", "/bucket/key", query));
            String bare = query.replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
            verifier().verify(TestRequest.of("GET", "/bucket/key", bare));
            String spaced = query.replace("%2B", "%20");
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(TestRequest.of("GET", "/bucket/key", spaced)));
        }

        @Test
        void subResourcesInAPresignedUrlAreSigned() {
            TestRequest request = presigned("GET", "/bucket/key", "response-content-type=text%2Fplain&versionId=7", IN_AN_HOUR);
            verifier().verify(request);
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request.withQuery(
                    request.rawQuery().replace("response-content-type=text%2Fplain", "response-content-type=text%2Fhtml"))));
            verifier().verify(request.withQuery(request.rawQuery() + "&x-id=GetObject"));
        }

        @Test
        void amzQueryParametersAreSignedAsHeadersWhenNotSentAsHeaders() {
            TestRequest request = presigned("PUT", "/bucket/key", "x-amz-acl=private&x-amz-meta-color=blue", IN_AN_HOUR);
            assertEquals("PUT\n\n\n" + IN_AN_HOUR + "\nx-amz-acl:private\nx-amz-meta-color:blue\n/bucket/key",
                    SigV2Signer.stringToSign(request, null, Long.toString(IN_AN_HOUR), true));
            verifier().verify(request);
            // A header of the same name is what the request carries, so it is what counts.
            verifier().verify(request.copy().header("x-amz-meta-color", "blue"));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request.copy().header("x-amz-meta-color", "red")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(request.copy().header("x-amz-acl", "public-read")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(
                    request.withQuery(request.rawQuery().replace("x-amz-acl=private", "x-amz-acl=public-read"))));
        }

        @Test
        void headersTheClientSendsAreSigned() {
            // A presigned PUT whose creator signed a Content-Type: the uploader must send it.
            String stringToSign = SigV2Signer.stringToSign("PUT", "", "image/png", Long.toString(IN_AN_HOUR), "", "/bucket/key");
            String query = "AWSAccessKeyId=" + ACCESS_KEY + "&Expires=" + IN_AN_HOUR + "&Signature="
                    + SigV4Encoding.encode(SigV2Signer.signature(secret(), stringToSign));
            verifier().verify(TestRequest.of("PUT", "/bucket/key", query).header("Content-Type", "image/png"));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH,
                    () -> verifier().verify(TestRequest.of("PUT", "/bucket/key", query).header("Content-Type", "text/html")));
            refused(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> verifier().verify(TestRequest.of("PUT", "/bucket/key", query)));
        }
    }
}
