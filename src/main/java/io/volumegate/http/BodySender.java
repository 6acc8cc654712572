package io.volumegate.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a response body with non-blocking servlet I/O: we write only while the container
 * says the socket can take more, one fixed buffer at a time, so a slow reader costs neither
 * a thread nor memory proportional to the body.
 */
public final class BodySender implements WriteListener {
    private static final int BUFFER_SIZE = 64 * 1024;

    /** Fills the buffer with the next bytes of the body; returns how many, 0 at the end. */
    @FunctionalInterface
    public interface Source {
        int next(byte[] buffer) throws IOException;
    }

    private final ServletOutputStream output;
    private final Source source;
    private final byte[] buffer;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final StallTimeout stallTimeout;
    /** Started the first time the client cannot take more: a body that goes out at once needs no timer task. */
    private volatile StallTimeout.Watch watch;

    private BodySender(ServletOutputStream output, Source source, long length, StallTimeout stallTimeout) {
        this.output = output;
        this.source = source;
        // A small body needs no 64 KiB buffer: most answers are a few hundred bytes of XML.
        this.buffer = new byte[(int) Math.max(1, Math.min(BUFFER_SIZE, length))];
        this.stallTimeout = stallTimeout;
    }

    /** Sends {@code length} bytes of the file from {@code offset}; completes once handed to the container. */
    public static CompletableFuture<Void> send(ServletOutputStream output, FileChannel channel, long offset, long length,
                                               StallTimeout stallTimeout) {
        return start(output, new FileRange(channel, offset, length), length, stallTimeout);
    }

    /** Sends a small in-memory body, such as an XML document. */
    public static CompletableFuture<Void> send(ServletOutputStream output, byte[] body, StallTimeout stallTimeout) {
        return start(output, new ByteArrayRange(body), body.length, stallTimeout);
    }

    /** Sends what {@code source} produces, until it returns 0. */
    public static CompletableFuture<Void> send(ServletOutputStream output, Source source, StallTimeout stallTimeout) {
        return start(output, source, BUFFER_SIZE, stallTimeout);
    }

    private static CompletableFuture<Void> start(ServletOutputStream output, Source source, long length,
                                                 StallTimeout stallTimeout) {
        BodySender sender = new BodySender(output, source, length, stallTimeout);
        output.setWriteListener(sender);
        return sender.done;
    }

    @Override
    public void onWritePossible() throws IOException {
        try {
            while (output.isReady()) {
                int n = source.next(buffer);
                if (n == 0) {
                    stopWatching();
                    done.complete(null);
                    return;
                }
                output.write(buffer, 0, n);
                StallTimeout.Watch current = watch;
                if (current != null) current.progress();
            }
            if (watch == null) watch = startWatching();
        } catch (IOException | RuntimeException e) {
            onError(e);
        }
    }

    /**
     * The client is not taking what we write: from now on, one that takes nothing for the stall
     * limit is gone or abusive, and failing ends the request. The client's doing, not a server
     * fault: RequestTimeout in the access log, no stack trace.
     */
    private StallTimeout.Watch startWatching() {
        long seconds = stallTimeout.limit().toSeconds();
        return stallTimeout.watch(() -> onError(S3Error.REQUEST_TIMEOUT.exception(
                "The client took no byte of the body for " + seconds + " s.")));
    }

    private void stopWatching() {
        StallTimeout.Watch current = watch;
        if (current != null) current.stop();
    }

    @Override
    public void onError(Throwable failure) {
        stopWatching();
        done.completeExceptionally(failure);
    }

    private static final class ByteArrayRange implements Source {
        private final byte[] body;
        private int position;

        ByteArrayRange(byte[] body) {
            this.body = body;
        }

        @Override
        public int next(byte[] buffer) {
            int n = Math.min(buffer.length, body.length - position);
            System.arraycopy(body, position, buffer, 0, n);
            position += n;
            return n;
        }
    }

    private static final class FileRange implements Source {
        private final FileChannel channel;
        private long position;
        private long remaining;

        FileRange(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.remaining = length;
        }

        @Override
        public int next(byte[] buffer) throws IOException {
            if (remaining == 0) return 0;
            int n = channel.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, remaining)), position);
            if (n < 0) throw new IOException("file shrank while it was being sent");
            position += n;
            remaining -= n;
            return n;
        }
    }
}
