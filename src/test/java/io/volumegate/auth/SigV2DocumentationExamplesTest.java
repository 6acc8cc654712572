package io.volumegate.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static io.volumegate.auth.AwsExamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The worked examples of "Signing and authenticating REST requests" (Signature Version 2)
 * in the Amazon S3 documentation: the string to sign as printed there, the signature as
 * printed there, and the whole request through the verifier at the request's own time.
 *
 * <p>Two examples are left out on purpose. The query-string example now shows bucket
 * "awsexamplebucket1" with the signature {@code NpgCjnDzrM+WFzoENXmpNDUsSn8=}, but that
 * signature belongs to the example's earlier bucket "johnsmith" (the rename never
 * recomputed it: the printed string to sign gives {@code 1No4mq5ETf02z8aet9voy6gui6E=}); it
 * is tested here with "johnsmith". The Delete example puts the x-amz-date value on the Date
 * line and leaves it out of the amz headers, contradicting the same page's "Time stamp
 * requirement" (Date line empty, x-amz-date signed as an amz header), which is what S3,
 * boto and s3cmd do and what {@link SigV2VerifierTest} checks.
 */
class SigV2DocumentationExamplesTest {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private static SigV2Verifier verifierAt(String httpDate) {
        Instant now = ZonedDateTime.parse(httpDate, RFC_1123).toInstant();
        return new SigV2Verifier(LOOKUP, clockAt(now), Duration.ofMinutes(15));
    }

    /** Checks the printed string to sign and signature, then verifies the request with it. */
    private static AuthResult check(TestRequest request, String bucketForVirtualHost, String expectedStringToSign,
                                    String signature) {
        String date = request.header("x-amz-date") != null ? "" : request.header("Date");
        assertEquals(expectedStringToSign, SigV2Signer.stringToSign(request, bucketForVirtualHost, date, false));
        assertEquals(signature, SigV2Signer.signature(secret(), expectedStringToSign));
        request.header("Authorization", "AWS " + ACCESS_KEY + ":" + signature);
        AuthResult result = verifierAt(request.header("Date")).verify(request, bucketForVirtualHost);
        assertEquals(CREDENTIAL, result.credential());
        return result;
    }

    @Test
    void objectGet() {
        TestRequest request = TestRequest.of("GET", "/photos/puppy.jpg", null)
                .header("Host", "awsexamplebucket1.us-west-1.s3.amazonaws.com")
                .header("Date", "Tue, 27 Mar 2007 19:36:42 +0000");
        AuthResult result = check(request, "awsexamplebucket1",
                "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/awsexamplebucket1/photos/puppy.jpg",
                "qgk2+6Sv9/oM7G3qLEjTH1a1l1g=");
        assertEquals(PayloadHash.UNSIGNED_PAYLOAD, result.payloadHash());
        assertEquals(0, result.signingKey().length);
        assertNull(result.seedSignature());
        assertEquals("20070327T193642Z", result.amzDate());
        assertNull(result.scope());
    }

    @Test
    void objectPut() {
        TestRequest request = TestRequest.of("PUT", "/photos/puppy.jpg", null)
                .header("Content-Type", "image/jpeg")
                .header("Content-Length", "94328")
                .header("Host", "awsexamplebucket1.s3.us-west-1.amazonaws.com")
                .header("Date", "Tue, 27 Mar 2007 21:15:45 +0000");
        check(request, "awsexamplebucket1",
                "PUT\n\nimage/jpeg\nTue, 27 Mar 2007 21:15:45 +0000\n/awsexamplebucket1/photos/puppy.jpg",
                "iqRzw+ileNPu1fhspnRs8nOjjIA=");
    }

    @Test
    void listSignsNoOrdinaryQueryParameters() {
        TestRequest request = TestRequest.of("GET", "/", "prefix=photos&max-keys=50&marker=puppy")
                .header("User-Agent", "Mozilla/5.0")
                .header("Host", "awsexamplebucket1.s3.us-west-1.amazonaws.com")
                .header("Date", "Tue, 27 Mar 2007 19:42:41 +0000");
        check(request, "awsexamplebucket1",
                "GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/awsexamplebucket1/",
                "m0WP8eCtspQl5Ahe6L1SozdX9YA=");
    }

    @Test
    void fetchAclSignsTheSubResource() {
        TestRequest request = TestRequest.of("GET", "/", "acl")
                .header("Host", "awsexamplebucket1.s3.us-west-1.amazonaws.com")
                .header("Date", "Tue, 27 Mar 2007 19:44:46 +0000");
        check(request, "awsexamplebucket1",
                "GET\n\n\nTue, 27 Mar 2007 19:44:46 +0000\n/awsexamplebucket1/?acl",
                "82ZHiFIjc+WbcwFKGUVEQspPn+0=");
    }

    @Test
    void uploadToCnameBucketWithMetadata() {
        // Mixed-case names, a repeated header, Content-MD5; Content-Disposition and
        // Content-Encoding are not signed.
        TestRequest request = TestRequest.of("PUT", "/db-backup.dat.gz", null)
                .header("User-Agent", "curl/7.15.5")
                .header("Host", "static.awsexamplebucket1.net:8080")
                .header("Date", "Tue, 27 Mar 2007 21:06:08 +0000")
                .header("x-amz-acl", "public-read")
                .header("content-type", "application/x-download")
                .header("Content-MD5", "4gJE4saaMU4BqNR0kLY+lw==")
                .header("X-Amz-Meta-ReviewedBy", "joe@awsexamplebucket1.net")
                .header("X-Amz-Meta-ReviewedBy", "jane@awsexamplebucket1.net")
                .header("X-Amz-Meta-FileChecksum", "0x02661779")
                .header("X-Amz-Meta-ChecksumAlgorithm", "crc32")
                .header("Content-Disposition", "attachment; filename=database.dat")
                .header("Content-Encoding", "gzip")
                .header("Content-Length", "5913339");
        check(request, "static.awsexamplebucket1.net", """
                        PUT
                        4gJE4saaMU4BqNR0kLY+lw==
                        application/x-download
                        Tue, 27 Mar 2007 21:06:08 +0000
                        x-amz-acl:public-read
                        x-amz-meta-checksumalgorithm:crc32
                        x-amz-meta-filechecksum:0x02661779
                        x-amz-meta-reviewedby:joe@awsexamplebucket1.net,jane@awsexamplebucket1.net
                        /static.awsexamplebucket1.net/db-backup.dat.gz""",
                "dKZcB+bz2EPXgSdXZp9ozGeOM4I=");
    }

    @Test
    void listAllMyBuckets() {
        TestRequest request = TestRequest.of("GET", "/", null)
                .header("Host", "s3.us-west-1.amazonaws.com")
                .header("Date", "Wed, 28 Mar 2007 01:29:59 +0000");
        check(request, null, "GET\n\n\nWed, 28 Mar 2007 01:29:59 +0000\n/", "qGdzdERIC03wnaRNKh6OqZehG9s=");
    }

    @Test
    void unicodeKeysAreSignedAsSentIncludingHexCase() {
        TestRequest request = TestRequest.of("GET", "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re", null)
                .header("Host", "s3.us-west-1.amazonaws.com")
                .header("Date", "Wed, 28 Mar 2007 01:49:49 +0000");
        check(request, null, "GET\n\n\nWed, 28 Mar 2007 01:49:49 +0000\n/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re",
                "DNEZGsoieTZ92F3bUfSPQcbGmlM=");
    }

    @Test
    void queryStringAuthentication() {
        // "+" and "=" of the base64 signature arrive percent-encoded.
        TestRequest request = TestRequest.of("GET", "/photos/puppy.jpg",
                        "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620")
                .header("Host", "johnsmith.s3.amazonaws.com");
        assertEquals("GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg",
                SigV2Signer.stringToSign(request, "johnsmith", "1175139620", true));
        assertEquals("NpgCjnDzrM+WFzoENXmpNDUsSn8=",
                SigV2Signer.signature(secret(), "GET\n\n\n1175139620\n/johnsmith/photos/puppy.jpg"));

        SigV2Verifier verifier = new SigV2Verifier(LOOKUP, clockAt(Instant.ofEpochSecond(1175139620)), Duration.ofMinutes(15));
        AuthResult result = verifier.verify(request, "johnsmith");
        assertEquals(CREDENTIAL, result.credential());
        assertEquals(PayloadHash.UNSIGNED_PAYLOAD, result.payloadHash());
        assertNull(result.amzDate());
        assertNull(result.seedSignature());
    }
}
