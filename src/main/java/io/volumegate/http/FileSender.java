package io.volumegate.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;

/**
 * Streams a byte range of an open file to the client with non-blocking servlet I/O: we
 * write only while the container says the socket can take more, with one fixed buffer,
 * so a slow reader costs neither a thread nor memory proportional to the object.
 */
public final class FileSender implements WriteListener {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ServletOutputStream output;
    private final FileChannel channel;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long position;
    private long remaining;

    private FileSender(ServletOutputStream output, FileChannel channel, long offset, long length) {
        this.output = output;
        this.channel = channel;
        this.position = offset;
        this.remaining = length;
    }

    /** Starts sending; the future completes when the last byte was handed to the container. */
    public static CompletableFuture<Void> send(ServletOutputStream output, FileChannel channel, long offset, long length) {
        FileSender sender = new FileSender(output, channel, offset, length);
        output.setWriteListener(sender);
        return sender.done;
    }

    @Override
    public void onWritePossible() throws IOException {
        try {
            while (output.isReady()) {
                if (remaining == 0) {
                    done.complete(null);
                    return;
                }
                ByteBuffer window = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, remaining));
                int n = channel.read(window, position);
                if (n < 0) throw new IOException("file shrank while it was being sent");
                output.write(buffer, 0, n);
                position += n;
                remaining -= n;
            }
        } catch (IOException | RuntimeException e) {
            onError(e);
        }
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }
}
