package io.volumegate.it;

import java.io.InputStream;

/**
 * {@code size} pseudo-random (incompressible) bytes from a seed, generated as they are read:
 * large test content that costs no memory and that a test can regenerate to compare with.
 */
final class PatternStream extends InputStream {
    private final long size;
    private long state;
    private long position;
    private long word;

    PatternStream(long seed, long size) {
        this.size = size;
        this.state = seed * 0x9E3779B97F4A7C15L + 1;
    }

    /** {@code size} bytes of the pattern for {@code size} as the seed, in memory: for small test content. */
    static byte[] bytes(int size) {
        byte[] data = new byte[size];
        new PatternStream(size, size).read(data, 0, size); // all of it in one read
        return data;
    }

    @Override
    public int read() {
        if (position >= size) return -1;
        return next() & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) return -1;
        int n = (int) Math.min(length, size - position);
        for (int i = 0; i < n; i++) buffer[offset + i] = next();
        return n;
    }

    private byte next() {
        if ((position & 7) == 0) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            word = state;
        }
        byte b = (byte) (word >>> ((position & 7) * 8));
        position++;
        return b;
    }
}
