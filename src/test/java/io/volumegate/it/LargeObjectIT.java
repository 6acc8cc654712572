package io.volumegate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An object four times larger than the server's whole heap (256 MiB, see arquillian.xml)
 * goes up and comes back intact: bodies stream through fixed buffers, so memory per
 * request does not grow with object size. Neither side holds the object in memory.
 */
class LargeObjectIT extends ServerTestBase {
    private static final String BUCKET = "largeobjectit";
    private static final long SIZE = 1L << 30; // 1 GiB

    @AfterEach
    void removeTheGigabyte() throws IOException {
        Files.deleteIfExists(server.volume().resolve(BUCKET).resolve("big.bin"));
    }

    @Test
    void aGigabyteStreamsThroughAQuarterGigabyteHeap() throws Exception {
        server.s3().createBucket(b -> b.bucket(BUCKET));
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        server.s3().putObject(b -> b.bucket(BUCKET).key("big.bin"),
                RequestBody.fromContentProvider(() -> new PatternStream(SIZE, sent), SIZE, "application/octet-stream"));

        Path file = server.volume().resolve(BUCKET).resolve("big.bin");
        assertEquals(SIZE, Files.size(file));

        MessageDigest received = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (ResponseInputStream<GetObjectResponse> in = server.s3().getObject(b -> b.bucket(BUCKET).key("big.bin"))) {
            for (int n; (n = in.read(buffer)) > 0; total += n) received.update(buffer, 0, n);
        }
        assertEquals(SIZE, total);
        assertEquals(HexFormat.of().formatHex(sent.digest()), HexFormat.of().formatHex(received.digest()));
    }

    /** Deterministic, incompressible-enough bytes of a given length, hashed as they are read. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private long position;
        private long state = 0x9E3779B97F4A7C15L;

        PatternStream(long size, MessageDigest digest) {
            this.size = size;
            this.digest = digest;
            digest.reset(); // the SDK may re-open the stream on a retry
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= size) return -1;
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
                target[offset + i] = (byte) state;
            }
            digest.update(target, offset, n);
            position += n;
            return n;
        }
    }
}
