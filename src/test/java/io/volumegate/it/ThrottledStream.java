package io.volumegate.it;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PatternStream} read no faster than a given rate, that can stall after a given number
 * of bytes until {@link #release()}: an upload a test can keep in flight for as long as it needs.
 * Counts and hashes (MD5) what was read, so the test knows how far the upload got and what the
 * server should have stored.
 */
final class ThrottledStream extends InputStream {
    private static final int CHUNK = 64 * 1024;

    private final PatternStream source;
    private final long bytesPerSecond;
    private final long stallAfter;
    private final CountDownLatch released = new CountDownLatch(1);
    private final MessageDigest md5;
    private final long startNanos = System.nanoTime();
    private volatile long read;

    /** @param stallAfter bytes after which reading blocks until {@link #release()}; {@code Long.MAX_VALUE}: never */
    ThrottledStream(long seed, long size, long bytesPerSecond, long stallAfter) {
        this.source = new PatternStream(seed, size);
        this.bytesPerSecond = bytesPerSecond;
        this.stallAfter = stallAfter;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        try {
            if (read >= stallAfter) released.await(10, TimeUnit.MINUTES);
            long dueNanos = read * 1_000_000_000L / bytesPerSecond;
            long waitNanos = dueNanos - (System.nanoTime() - startNanos);
            if (waitNanos > 0) TimeUnit.NANOSECONDS.sleep(waitNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        int limit = (int) Math.min(Math.min(length, CHUNK), Math.max(1, stallAfter - read));
        int n = source.read(buffer, offset, limit);
        if (n > 0) {
            md5.update(buffer, offset, n);
            read += n;
        }
        return n;
    }

    /** Bytes handed to the client so far. */
    long bytesRead() { return read; }

    /** Lets a stalled stream go on (and a test end without a thread left waiting). */
    void release() { released.countDown(); }

    /** The MD5 of everything read, in hex: the ETag of a complete single-part upload. Ask once, at the end. */
    String md5Hex() {
        return HexFormat.of().formatHex(md5.digest());
    }
}
