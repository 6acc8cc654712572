package io.volumegate.s3.body;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecksumVerifierTest {
    private static final byte[] HELLO_WORLD = "hello world".getBytes(StandardCharsets.US_ASCII);

    private final CollectingSink sink = new CollectingSink();

    @Test
    void passesTheBodyOnAndComputesItsChecksum() throws IOException {
        ChecksumVerifier verifier = new ChecksumVerifier(ChecksumAlgorithm.CRC64NVME, () -> null, sink);
        Slices.feedAndFinish(verifier, HELLO_WORLD, 3);
        assertEquals("hello world", new String(sink.bytes(), StandardCharsets.US_ASCII));
        assertEquals("jSnVw/bqjr4=", verifier.checksum());
        assertEquals(ChecksumAlgorithm.CRC64NVME, verifier.algorithm());
        assertTrue(sink.finished());
    }

    @Test
    void aMatchingValueFinishes() throws IOException {
        ChecksumVerifier verifier = new ChecksumVerifier(ChecksumAlgorithm.CRC32, () -> "DUoRhQ==", sink);
        Slices.feedAndFinish(verifier, HELLO_WORLD, 1);
        assertEquals("DUoRhQ==", verifier.checksum());
        assertTrue(sink.finished());
    }

    @Test
    void aMismatchIsBadDigestWithS3sMessage() throws IOException {
        ChecksumVerifier verifier = new ChecksumVerifier(ChecksumAlgorithm.CRC32, () -> "y/Q5Jg==", sink);
        Slices.feed(verifier, HELLO_WORLD, 4);
        S3Exception e = assertThrows(S3Exception.class, verifier::finish);
        assertEquals(S3Error.BAD_DIGEST, e.error());
        assertEquals("The CRC32 you specified did not match the calculated checksum.", e.getMessage());
        assertFalse(sink.finished(), "the next stage must not finish: nothing is stored");

        ChecksumVerifier sha = new ChecksumVerifier(ChecksumAlgorithm.SHA256, () -> "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", new CollectingSink());
        Slices.feed(sha, HELLO_WORLD, 4);
        assertEquals("The SHA256 you specified did not match the calculated checksum.",
                assertThrows(S3Exception.class, sha::finish).getMessage());
    }

    @Test
    void theExpectedValueIsAskedForOnlyWhenTheBodyHasEnded() throws IOException {
        AtomicReference<String> trailer = new AtomicReference<>();
        ChecksumVerifier verifier = new ChecksumVerifier(ChecksumAlgorithm.CRC32C, trailer::get, sink);
        Slices.feed(verifier, HELLO_WORLD, 5);
        trailer.set("yZRlqg=="); // as a trailer arrives after the data
        verifier.finish();
        assertTrue(sink.finished());
    }

    @Test
    void aMalformedExpectedValueIsAnInvalidRequest() throws IOException {
        ChecksumVerifier verifier = new ChecksumVerifier(ChecksumAlgorithm.CRC32C, () -> "yZRlqg", sink);
        Slices.feed(verifier, HELLO_WORLD, 5);
        assertEquals(S3Error.INVALID_REQUEST, assertThrows(S3Exception.class, verifier::finish).error());
    }

    @Test
    void theChecksumIsUnknownUntilTheBodyEnds() {
        ChecksumVerifier verifier = new ChecksumVerifier(ChecksumAlgorithm.SHA1, () -> null, sink);
        assertThrows(IllegalStateException.class, verifier::checksum);
    }
}
