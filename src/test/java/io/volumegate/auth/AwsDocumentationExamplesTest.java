package io.volumegate.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.volumegate.auth.AwsExamples.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The worked examples of "Signature Calculations for the Authorization Header" and
 * "Authenticating Requests: Using Query Parameters" in the Amazon S3 API reference. Each
 * is checked step by step (canonical request, string to sign, signature) and then as a
 * whole request through the verifier, with the signature copied from the documentation.
 */
class AwsDocumentationExamplesTest {

    @Test
    void getObjectWithRange() {
        // "Range: bytes=0-9 " carries a trailing space in the documentation; it must be trimmed.
        TestRequest request = TestRequest.of("GET", "/test.txt", null)
                .header("Host", HOST)
                .header("Range", "bytes=0-9 ")
                .header("x-amz-content-sha256", EMPTY_SHA256)
                .header("x-amz-date", AMZ_DATE);
        List<String> signed = List.of("host", "range", "x-amz-content-sha256", "x-amz-date");

        String canonicalRequest = SigV4Signer.canonicalRequest(request, signed, EMPTY_SHA256, false);
        assertEquals("""
                GET
                /test.txt

                host:examplebucket.s3.amazonaws.com
                range:bytes=0-9
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;range;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", canonicalRequest);
        String stringToSign = SigV4Signer.stringToSign(AMZ_DATE, SigV4Signer.scope("20130524", REGION), canonicalRequest);
        assertEquals("""
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972""", stringToSign);
        String signature = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
        assertEquals(signature, SigV4Signer.signature(SigV4Signer.signingKey(secret(), "20130524", REGION), stringToSign));

        request.header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature);
        AuthResult result = verifier().verify(request);
        assertEquals(CREDENTIAL, result.credential());
        assertEquals(EMPTY_SHA256, result.payloadHash());
        assertEquals(signature, result.seedSignature());
        assertEquals(AMZ_DATE, result.amzDate());
        assertEquals("20130524/us-east-1/s3/aws4_request", result.scope());
        assertArrayEquals(SigV4Signer.signingKey(secret(), "20130524", REGION), result.signingKey());
    }

    @Test
    void putObjectWithCharacterThatNeedsEncoding() {
        String payloadHash = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072";
        String signature = "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd";
        // The documentation sends '$' bare; an SDK would send %24. Both sign /test%24file.text.
        for (String rawPath : List.of("/test$file.text", "/test%24file.text")) {
            TestRequest request = TestRequest.of("PUT", rawPath, null)
                    .header("Host", HOST)
                    .header("Date", "Fri, 24 May 2013 00:00:00 GMT")
                    .header("x-amz-date", AMZ_DATE)
                    .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
                    .header("x-amz-content-sha256", payloadHash);
            List<String> signed = List.of("date", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-storage-class");

            String canonicalRequest = SigV4Signer.canonicalRequest(request, signed, payloadHash, false);
            assertEquals("""
                    PUT
                    /test%24file.text

                    date:Fri, 24 May 2013 00:00:00 GMT
                    host:examplebucket.s3.amazonaws.com
                    x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072
                    x-amz-date:20130524T000000Z
                    x-amz-storage-class:REDUCED_REDUNDANCY

                    date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class
                    44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072""", canonicalRequest);
            assertEquals("""
                    AWS4-HMAC-SHA256
                    20130524T000000Z
                    20130524/us-east-1/s3/aws4_request
                    9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d""",
                    SigV4Signer.stringToSign(AMZ_DATE, "20130524/us-east-1/s3/aws4_request", canonicalRequest));

            request.header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                    + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=" + signature);
            AuthResult result = verifier().verify(request);
            assertEquals(payloadHash, result.payloadHash());
            assertEquals(signature, result.seedSignature());
        }
    }

    @Test
    void getBucketLifecycle() {
        TestRequest request = TestRequest.of("GET", "/", "lifecycle")
                .header("Host", HOST)
                .header("x-amz-date", AMZ_DATE)
                .header("x-amz-content-sha256", EMPTY_SHA256);
        List<String> signed = List.of("host", "x-amz-content-sha256", "x-amz-date");

        String canonicalRequest = SigV4Signer.canonicalRequest(request, signed, EMPTY_SHA256, false);
        assertEquals("""
                GET
                /
                lifecycle=
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", canonicalRequest);
        assertEquals("""
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca""",
                SigV4Signer.stringToSign(AMZ_DATE, "20130524/us-east-1/s3/aws4_request", canonicalRequest));

        String signature = "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543";
        request.header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=" + signature);
        assertEquals(signature, verifier().verify(request).seedSignature());
    }

    @Test
    void listObjectsWithQueryParameters() {
        TestRequest request = TestRequest.of("GET", "/", "max-keys=2&prefix=J")
                .header("Host", HOST)
                .header("x-amz-date", AMZ_DATE)
                .header("x-amz-content-sha256", EMPTY_SHA256);
        List<String> signed = List.of("host", "x-amz-content-sha256", "x-amz-date");

        String canonicalRequest = SigV4Signer.canonicalRequest(request, signed, EMPTY_SHA256, false);
        assertEquals("""
                GET
                /
                max-keys=2&prefix=J
                host:examplebucket.s3.amazonaws.com
                x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
                x-amz-date:20130524T000000Z

                host;x-amz-content-sha256;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""", canonicalRequest);
        assertEquals("""
                AWS4-HMAC-SHA256
                20130524T000000Z
                20130524/us-east-1/s3/aws4_request
                df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7""",
                SigV4Signer.stringToSign(AMZ_DATE, "20130524/us-east-1/s3/aws4_request", canonicalRequest));

        String signature = "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7";
        // Parameters arriving in another order sign the same: the canonical query is sorted.
        request = request.withQuery("prefix=J&max-keys=2");
        request.header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=" + signature);
        assertEquals(signature, verifier().verify(request).seedSignature());
    }

    @Test
    void presignedGetObject() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

        assertEquals(query, SigV4Signer.presignedQuery("GET", "/test.txt", null, HOST, ACCESS_KEY, secret(), REGION,
                TIME, Duration.ofSeconds(86400)));

        TestRequest request = TestRequest.of("GET", "/test.txt", query).header("Host", HOST);
        assertEquals("""
                GET
                /test.txt
                X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host
                host:examplebucket.s3.amazonaws.com

                host
                UNSIGNED-PAYLOAD""", SigV4Signer.canonicalRequest(request, List.of("host"), "UNSIGNED-PAYLOAD", true));

        // Used an hour later, as a shared link would be.
        AuthResult result = verifierAt(TIME.plusSeconds(3600)).verify(request);
        assertEquals(PayloadHash.UNSIGNED_PAYLOAD, result.payloadHash());
        assertEquals("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", result.seedSignature());
        assertEquals(AMZ_DATE, result.amzDate());
    }
}
