package io.volumegate.s3.body;

import io.volumegate.auth.AuthResult;
import io.volumegate.auth.Credential;
import io.volumegate.auth.PayloadHash;
import io.volumegate.auth.SigV4Signer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which body an upload is: aws-chunked only when x-amz-content-sha256 or Content-Encoding says so. */
class UploadBodyTest {
    private static final byte[] DATA = "plain body\r\n0\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    private static final Credential CREDENTIAL = new Credential("AKIDUPLOADBODY", new byte[] {1}, null, false, false);

    private static AuthResult auth(String payloadHash) {
        return new AuthResult(CREDENTIAL, payloadHash, new byte[0], null, null, null);
    }

    @Test
    void aPlainBodyWithADecodedLengthHeaderPassesThroughUnchanged() throws Exception {
        for (String payloadHash : new String[] {SigV4Signer.sha256Hex(DATA), PayloadHash.UNSIGNED_PAYLOAD}) {
            Map<String, String> headers = Map.of("x-amz-decoded-content-length", "4");
            CollectingSink stored = new CollectingSink();
            UploadBody body = UploadBody.assemble(headers::get, DATA.length, 1024, auth(payloadHash), stored);
            body.sink().write(DATA, 0, DATA.length);
            body.sink().finish();
            assertArrayEquals(DATA, stored.bytes(), payloadHash);
            assertTrue(stored.finished(), payloadHash);
            assertEquals(DATA.length, body.length(), payloadHash);
        }
    }

    @Test
    void theDeclaredSizeOfAPlainBodyIsItsContentLength() {
        Map<String, String> headers = Map.of("x-amz-decoded-content-length", "4");
        assertEquals(6_000_000_000L, UploadBody.declaredObjectSize(headers::get, 6_000_000_000L, PayloadHash.UNSIGNED_PAYLOAD));
        assertEquals(6_000_000_000L, UploadBody.declaredObjectSize(headers::get, 6_000_000_000L, SigV4Signer.sha256Hex(DATA)));
    }

    @Test
    void theDeclaredSizeOfAnAwsChunkedBodyIsItsDecodedLength() {
        Map<String, String> decoded = Map.of("x-amz-decoded-content-length", "4");
        assertEquals(4, UploadBody.declaredObjectSize(decoded::get, 100, PayloadHash.STREAMING_UNSIGNED_TRAILER));
        Map<String, String> encoded = Map.of("x-amz-decoded-content-length", "4", "Content-Encoding", "gzip, aws-chunked");
        assertEquals(4, UploadBody.declaredObjectSize(encoded::get, 100, PayloadHash.UNSIGNED_PAYLOAD));
        Map<String, String> unknown = Map.of("Content-Encoding", "aws-chunked");
        assertEquals(-1, UploadBody.declaredObjectSize(unknown::get, -1, PayloadHash.UNSIGNED_PAYLOAD), "only the end of the body tells");
    }
}
