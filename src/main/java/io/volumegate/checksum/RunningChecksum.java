package io.volumegate.checksum;

import java.security.MessageDigest;
import java.util.zip.Checksum;

/**
 * One checksum being computed over a body as it streams: CRCs and message digests behind a
 * single shape, so a pipeline stage need not care which algorithm the client chose.
 */
public interface RunningChecksum {
    void update(byte[] data, int offset, int length);

    /** The checksum as S3 encodes it before base64: big-endian bytes. Call once, at the end. */
    byte[] result();

    /** A CRC whose value is the low {@code width} bytes of {@link Checksum#getValue()}. */
    static RunningChecksum of(Checksum crc, int width) {
        return new RunningChecksum() {
            @Override
            public void update(byte[] data, int offset, int length) { crc.update(data, offset, length); }

            @Override
            public byte[] result() {
                long value = crc.getValue();
                byte[] bytes = new byte[width];
                for (int i = width - 1; i >= 0; i--, value >>>= 8) bytes[i] = (byte) value;
                return bytes;
            }
        };
    }

    static RunningChecksum of(MessageDigest digest) {
        return new RunningChecksum() {
            @Override
            public void update(byte[] data, int offset, int length) { digest.update(data, offset, length); }

            @Override
            public byte[] result() { return digest.digest(); }
        };
    }
}
