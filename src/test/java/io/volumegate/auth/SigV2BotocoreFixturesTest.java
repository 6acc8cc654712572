package io.volumegate.auth;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.volumegate.auth.AwsExamples.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Requests signed by the real client: botocore 1.43.11 (boto3 1.43.11, the library under
 * {@code aws s3 presign} of CLI v1) with {@code signature_version="s3"}, its HmacV1Auth and
 * HmacV1QueryAuth. Produced by {@code src/test/scripts/botocore-sigv2-fixtures.py} with the
 * clock pinned at 1700000000 (2023-11-14T22:13:20Z) and pasted here verbatim: URLs and
 * headers exactly as botocore would send them (invocation ids and user agents, which are
 * not signed, shortened). Its presigned URLs use the default expiry of the script, 3600 s.
 *
 * <p>The awkward key is {@code dir/my key+plus%pct é~(1)&x=y.txt}: space, '+', '%', a
 * two-byte character, and the sub-delims botocore encodes in a path.
 */
class SigV2BotocoreFixturesTest {
    private static final Instant BOTOCORE_NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final String DATE = "Tue, 14 Nov 2023 22:13:20 GMT";
    private static final String AWKWARD_PATH = "/dir/my%20key%2Bplus%25pct%20%C3%A9~%281%29%26x%3Dy.txt";
    private static final String USER_AGENT = "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 lang/python#3.11.7 Botocore/1.43.11";

    private static SigV2Verifier verifierAt(Instant now) {
        return new SigV2Verifier(LOOKUP, clockAt(now), Duration.ofMinutes(15));
    }

    private static SigV2Verifier verifier() {
        return verifierAt(BOTOCORE_NOW);
    }

    @Test
    void presignedGetOfAnAwkwardKey() {
        // http://localhost:8080/bucket/dir/my%20key%2Bplus%25pct%20%C3%A9~%281%29%26x%3Dy.txt?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=o0DUwU6pOTNASVgzMDCZVNKqcpY%3D&Expires=1700003600
        TestRequest request = TestRequest.of("GET", "/bucket" + AWKWARD_PATH,
                        "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=o0DUwU6pOTNASVgzMDCZVNKqcpY%3D&Expires=1700003600")
                .header("Host", "localhost:8080");
        assertEquals(CREDENTIAL, verifier().verify(request).credential());
        verifierAt(Instant.ofEpochSecond(1_700_003_600L)).verify(request);
        S3Exception e = assertThrows(S3Exception.class, () -> verifierAt(Instant.ofEpochSecond(1_700_003_601L)).verify(request));
        assertEquals(S3Error.ACCESS_DENIED, e.error());
        assertEquals("Request has expired", e.getMessage());
    }

    @Test
    void presignedGetOfAnAwkwardKeyInVirtualHostStyle() {
        // http://bucket.s3.example.test:8080/dir/my%20key%2Bplus%25pct%20%C3%A9~%281%29%26x%3Dy.txt?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=o0DUwU6pOTNASVgzMDCZVNKqcpY%3D&Expires=1700003600
        TestRequest request = TestRequest.of("GET", AWKWARD_PATH,
                        "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=o0DUwU6pOTNASVgzMDCZVNKqcpY%3D&Expires=1700003600")
                .header("Host", "bucket.s3.example.test:8080");
        verifier().verify(request, "bucket");
    }

    @Test
    void presignedGetWithResponseOverridesAndVersionId() {
        TestRequest request = TestRequest.of("GET", "/bucket/photos/puppy.jpg",
                        "response-content-type=text%2Fplain%3B%20charset%3Dutf-8"
                                + "&response-content-disposition=attachment%3B%20filename%3D%22a%20b%2Bc.txt%22"
                                + "&versionId=3%2FL4kqtJl40Nr8X8gdRQBpUMLUo"
                                + "&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=wQ2lkyvWMs4r0BEaOghk3z0npoY%3D&Expires=1700003600")
                .header("Host", "localhost:8080");
        verifier().verify(request);
        assertThrows(S3Exception.class, () -> verifier().verify(
                request.withQuery(request.rawQuery().replace("versionId=3%2F", "versionId=4%2F"))));
    }

    @Test
    void presignedPutWithContentTypeAndMetadata() {
        // botocore carries the signed Content-Type and x-amz-meta-color in the query. The
        // metadata counts as a header; the uploader sends the Content-Type header itself.
        String query = "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=JGJbaf2bnaQHrLn%2BMLXW8T4TcDw%3D"
                + "&content-type=application%2Fx-thing&x-amz-meta-color=blue&Expires=1700003600";
        TestRequest request = TestRequest.of("PUT", "/bucket/upload%20%C3%A9.bin", query)
                .header("Host", "localhost:8080")
                .header("Content-Type", "application/x-thing")
                .header("Content-Length", "5");
        verifier().verify(request);
        assertThrows(S3Exception.class, () -> verifier().verify(request.copy().withoutHeader("Content-Type")));
    }

    @Test
    void headerSignedGetWithChecksumMode() {
        // x-amz-checksum-mode is an x-amz-* header, so botocore signed it.
        TestRequest request = TestRequest.of("GET", "/bucket" + AWKWARD_PATH, null)
                .header("Host", "localhost:8080")
                .header("x-amz-checksum-mode", "ENABLED")
                .header("User-Agent", USER_AGENT)
                .header("Date", DATE)
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:fjFYj27zG4qcIQVn4sLlbYUHy4M=")
                .header("amz-sdk-invocation-id", "965209e3-26f2-48ca-9b04-48da93676cbb")
                .header("amz-sdk-request", "attempt=1");
        AuthResult result = verifier().verify(request);
        assertEquals("20231114T221320Z", result.amzDate());
        assertThrows(S3Exception.class, () -> verifier().verify(request.copy().withoutHeader("x-amz-checksum-mode")));
    }

    @Test
    void headerSignedGetInVirtualHostStyle() {
        TestRequest request = TestRequest.of("GET", AWKWARD_PATH, null)
                .header("Host", "bucket.s3.example.test:8080")
                .header("x-amz-checksum-mode", "ENABLED")
                .header("User-Agent", USER_AGENT)
                .header("Date", DATE)
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:fjFYj27zG4qcIQVn4sLlbYUHy4M=");
        verifier().verify(request, "bucket");
    }

    @Test
    void headerSignedPutWithMetadataAndChecksum() {
        // The container trims header values; botocore trimmed " round " when signing.
        TestRequest request = TestRequest.of("PUT", "/bucket" + AWKWARD_PATH, null)
                .header("Host", "localhost:8080")
                .header("Content-Type", "text/plain")
                .header("x-amz-meta-color", "blue")
                .header("x-amz-meta-Shape", "round")
                .header("User-Agent", USER_AGENT)
                .header("Expect", "100-continue")
                .header("x-amz-checksum-crc32", "NhCmhg==")
                .header("x-amz-sdk-checksum-algorithm", "CRC32")
                .header("Date", DATE)
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:wXiGg9p+qr8RIktAQYdp0ysolKw=")
                .header("Content-Length", "5");
        AuthResult result = verifier().verify(request);
        assertEquals(PayloadHash.UNSIGNED_PAYLOAD, result.payloadHash());
    }

    @Test
    void headerSignedListObjectsOfAPathStyleBucket() {
        // Sent as "/bucket", signed as "/bucket/"; prefix, max-keys and encoding-type unsigned.
        TestRequest request = TestRequest.of("GET", "/bucket", "prefix=dir%2F&max-keys=5&encoding-type=url")
                .header("Host", "localhost:8080")
                .header("User-Agent", USER_AGENT)
                .header("Date", DATE)
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:61Ho40goTixAgvtrG2bMDguk+gw=");
        verifier().verify(request);
    }

    @Test
    void headerSignedListObjectsV2InVirtualHostStyle() {
        TestRequest request = TestRequest.of("GET", "/", "list-type=2&prefix=a%20b%2F&encoding-type=url")
                .header("Host", "bucket.s3.example.test:8080")
                .header("User-Agent", USER_AGENT)
                .header("Date", DATE)
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:61Ho40goTixAgvtrG2bMDguk+gw=");
        verifier().verify(request, "bucket");
    }

    @Test
    void headerSignedUploadPart() {
        // The upload id holds '+', '/' and '=', percent-encoded in the query, signed decoded.
        TestRequest request = TestRequest.of("PUT", "/bucket" + AWKWARD_PATH, "partNumber=2&uploadId=VXBsb2FkIElE%2B%2F%3D")
                .header("Host", "localhost:8080")
                .header("User-Agent", USER_AGENT)
                .header("Expect", "100-continue")
                .header("x-amz-checksum-crc32", "SQ9wxg==")
                .header("x-amz-sdk-checksum-algorithm", "CRC32")
                .header("Date", DATE)
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:vKi4spMC136iHUNBPamMygpoAVc=")
                .header("Content-Length", "4");
        verifier().verify(request);
        assertThrows(S3Exception.class, () -> verifier().verify(request.withQuery("partNumber=3&uploadId=VXBsb2FkIElE%2B%2F%3D")));
    }

    @Test
    void headerSignedGetObjectAcl() {
        TestRequest request = TestRequest.of("GET", "/bucket" + AWKWARD_PATH, "acl")
                .header("Host", "localhost:8080")
                .header("User-Agent", USER_AGENT)
                .header("Date", DATE)
                .header("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:wyhnNLvI/+EThwM0s9RJC5SMmqA=");
        verifier().verify(request);
    }
}
