package io.volumegate.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Sends a small in-memory body (an XML document) with non-blocking servlet I/O. */
public final class BytesSender implements WriteListener {
    private static final int SLICE = 64 * 1024;

    private final ServletOutputStream output;
    private final byte[] body;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int position;

    private BytesSender(ServletOutputStream output, byte[] body) {
        this.output = output;
        this.body = body;
    }

    public static CompletableFuture<Void> send(ServletOutputStream output, byte[] body) {
        BytesSender sender = new BytesSender(output, body);
        output.setWriteListener(sender);
        return sender.done;
    }

    @Override
    public void onWritePossible() throws IOException {
        try {
            while (output.isReady()) {
                if (position == body.length) {
                    done.complete(null);
                    return;
                }
                int n = Math.min(SLICE, body.length - position);
                output.write(body, position, n);
                position += n;
            }
        } catch (IOException | RuntimeException e) {
            onError(e);
        }
    }

    @Override
    public void onError(Throwable failure) { done.completeExceptionally(failure); }
}
