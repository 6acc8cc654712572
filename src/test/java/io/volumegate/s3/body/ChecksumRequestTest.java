package io.volumegate.s3.body;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumRequestTest {
    private static final byte[] HELLO_WORLD = "hello world".getBytes(StandardCharsets.US_ASCII);

    /** Request headers as a container offers them: names in any case. */
    private static ChecksumRequest request(String... namesAndValues) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) headers.put(namesAndValues[i], namesAndValues[i + 1]);
        return ChecksumRequest.from(headers::get);
    }

    private static void assertInvalid(String message, Executable executable) {
        S3Exception e = assertThrows(S3Exception.class, executable);
        assertEquals(S3Error.INVALID_REQUEST, e.error());
        assertEquals(message, e.getMessage());
    }

    @Test
    void withoutAChecksumTheServerComputesCrc64Nvme() {
        ChecksumRequest request = request("Content-Type", "text/plain");
        assertEquals(ChecksumAlgorithm.CRC64NVME, request.algorithm());
        assertEquals(ChecksumRequest.Source.NONE, request.source());
        assertNull(request.headerValue());
    }

    @Test
    void aChecksumHeaderNamesTheAlgorithmAndItsValue() {
        ChecksumRequest request = request("X-Amz-Checksum-CRC32", "DUoRhQ==");
        assertEquals(ChecksumAlgorithm.CRC32, request.algorithm());
        assertEquals(ChecksumRequest.Source.HEADER, request.source());
        assertEquals("DUoRhQ==", request.headerValue());
        // boto3 sends the SDK header along with the value; they agree, in any case.
        assertEquals(ChecksumAlgorithm.CRC32, request("x-amz-checksum-crc32", "DUoRhQ==", "x-amz-sdk-checksum-algorithm", "crc32").algorithm());
    }

    @Test
    void aTrailerHeaderAnnouncesAValueAfterTheBody() {
        ChecksumRequest request = request("x-amz-trailer", "x-amz-checksum-crc32c", "x-amz-sdk-checksum-algorithm", "CRC32C");
        assertEquals(ChecksumAlgorithm.CRC32C, request.algorithm());
        assertEquals(ChecksumRequest.Source.TRAILER, request.source());
        assertEquals(ChecksumAlgorithm.CRC64NVME, request("x-amz-trailer", "X-Amz-Checksum-CRC64NVME").algorithm());
    }

    @Test
    void onlyOneChecksumIsAllowed() {
        String message = "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.";
        assertInvalid(message, () -> request("x-amz-checksum-crc32", "DUoRhQ==", "x-amz-checksum-sha1", "Kq5sNclPz7QV2+lfQIuc6R7oRu0="));
        assertInvalid(message, () -> request("x-amz-checksum-crc32", "DUoRhQ==", "x-amz-trailer", "x-amz-checksum-crc32"));
        assertInvalid(message, () -> request("x-amz-trailer", "x-amz-checksum-crc32, x-amz-checksum-sha1"));
    }

    @Test
    void unknownAlgorithmsAreRefused() {
        assertInvalid("Value for x-amz-sdk-checksum-algorithm header is invalid.",
                () -> request("x-amz-sdk-checksum-algorithm", "MD5", "x-amz-checksum-crc32", "DUoRhQ=="));
        assertInvalid("The value specified in the x-amz-trailer header is not supported",
                () -> request("x-amz-trailer", "x-amz-checksum-md5"));
        assertInvalid("The value specified in the x-amz-trailer header is not supported",
                () -> request("x-amz-trailer", "x-amz-meta-color"));
    }

    @Test
    void theSdkAlgorithmMustAgreeWithTheValueAndNeedsOne() {
        assertInvalid("Value for x-amz-sdk-checksum-algorithm header is invalid.",
                () -> request("x-amz-sdk-checksum-algorithm", "CRC32", "x-amz-checksum-crc32c", "yZRlqg=="));
        assertInvalid("Value for x-amz-sdk-checksum-algorithm header is invalid.",
                () -> request("x-amz-sdk-checksum-algorithm", "SHA1", "x-amz-trailer", "x-amz-checksum-crc64nvme"));
        assertInvalid("x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.",
                () -> request("x-amz-sdk-checksum-algorithm", "CRC32"));
    }

    @Test
    void aMalformedChecksumValueIsRefusedBeforeTheBody() {
        assertInvalid("Value for x-amz-checksum-crc32 header is invalid.", () -> request("x-amz-checksum-crc32", "not base64"));
        assertInvalid("Value for x-amz-checksum-crc32 header is invalid.", () -> request("x-amz-checksum-crc32", "jSnVw/bqjr4="));
        assertInvalid("Value for x-amz-checksum-sha256 header is invalid.", () -> request("x-amz-checksum-sha256", "DUoRhQ=="));
    }

    @Test
    void theVerifierChecksTheHeaderValue() throws IOException {
        ChecksumVerifier good = request("x-amz-checksum-crc32", "DUoRhQ==").verifier(Map::of, new CollectingSink());
        Slices.feedAndFinish(good, HELLO_WORLD, 4);
        assertEquals("DUoRhQ==", good.checksum());

        ChecksumVerifier bad = request("x-amz-checksum-crc32", "y/Q5Jg==").verifier(Map::of, new CollectingSink());
        Slices.feed(bad, HELLO_WORLD, 4);
        assertEquals(S3Error.BAD_DIGEST, assertThrows(S3Exception.class, bad::finish).error());
    }

    @Test
    void theVerifierChecksTheTrailerValueAndAcceptsAMissingOne() throws IOException {
        ChecksumRequest request = request("x-amz-trailer", "x-amz-checksum-crc32");
        ChecksumVerifier good = request.verifier(() -> Map.of("x-amz-checksum-crc32", "DUoRhQ=="), new CollectingSink());
        Slices.feedAndFinish(good, HELLO_WORLD, 4);

        ChecksumVerifier bad = request.verifier(() -> Map.of("x-amz-checksum-crc32", "y/Q5Jg=="), new CollectingSink());
        Slices.feed(bad, HELLO_WORLD, 4);
        assertEquals(S3Error.BAD_DIGEST, assertThrows(S3Exception.class, bad::finish).error());

        ChecksumVerifier missing = request.verifier(Map::of, new CollectingSink());
        Slices.feedAndFinish(missing, HELLO_WORLD, 4);
        assertEquals("DUoRhQ==", missing.checksum());
    }

    @Test
    void anUndeclaredChecksumTrailerIsMalformed() throws IOException {
        ChecksumVerifier other = request("x-amz-trailer", "x-amz-checksum-crc32")
                .verifier(() -> Map.of("x-amz-checksum-crc32c", "yZRlqg=="), new CollectingSink());
        Slices.feed(other, HELLO_WORLD, 4);
        assertEquals(S3Error.MALFORMED_TRAILER_ERROR, assertThrows(S3Exception.class, other::finish).error());

        ChecksumVerifier undeclared = request().verifier(() -> Map.of("x-amz-checksum-crc32", "DUoRhQ=="), new CollectingSink());
        Slices.feed(undeclared, HELLO_WORLD, 4);
        assertEquals(S3Error.MALFORMED_TRAILER_ERROR, assertThrows(S3Exception.class, undeclared::finish).error());

        ChecksumVerifier unrelated = request().verifier(() -> Map.of("x-amz-meta-note", "x"), new CollectingSink());
        Slices.feedAndFinish(unrelated, HELLO_WORLD, 4);
    }

    @Test
    void withTheDecoderATrailingChecksumIsVerified() throws IOException {
        for (String trailer : new String[] {"DUoRhQ==", "y/Q5Jg=="}) {
            ChecksumRequest request = request("x-amz-trailer", "x-amz-checksum-crc32", "x-amz-decoded-content-length", "11");
            CollectingSink file = new CollectingSink();
            AwsChunkedDecoder[] decoder = new AwsChunkedDecoder[1];
            ChecksumVerifier verifier = request.verifier(() -> decoder[0].trailers(), file);
            decoder[0] = new AwsChunkedDecoder(StreamingPayloadMode.UNSIGNED_WITH_TRAILER, null, 11, verifier);
            byte[] body = ChunkedBodyBuilder.unsigned().chunk("hello ".getBytes(StandardCharsets.US_ASCII))
                    .chunk("world".getBytes(StandardCharsets.US_ASCII)).finalChunk()
                    .trailer("x-amz-checksum-crc32", trailer).end().bytes();
            Slices.feed(decoder[0], body, 3);
            if (trailer.equals("DUoRhQ==")) {
                decoder[0].finish();
                assertTrue(file.finished());
                assertEquals("DUoRhQ==", verifier.checksum());
            } else {
                assertEquals(S3Error.BAD_DIGEST, assertThrows(S3Exception.class, decoder[0]::finish).error());
            }
        }
    }
}
