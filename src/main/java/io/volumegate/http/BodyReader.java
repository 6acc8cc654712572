package io.volumegate.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a request body with non-blocking servlet I/O into a {@link BodySink}: the container
 * calls us when bytes are there, so no thread waits on a slow client, and one fixed buffer
 * per request keeps memory constant whatever the object size.
 */
public final class BodyReader implements ReadListener {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ServletInputStream input;
    private final BodySink sink;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicBoolean settled = new AtomicBoolean();

    private BodyReader(ServletInputStream input, BodySink sink) {
        this.input = input;
        this.sink = sink;
    }

    /** Starts reading; the future completes once the body has ended and every stage finished. */
    public static CompletableFuture<Void> read(ServletInputStream input, BodySink sink) {
        BodyReader reader = new BodyReader(input, sink);
        input.setReadListener(reader);
        return reader.done;
    }

    @Override
    public void onDataAvailable() throws IOException {
        try {
            while (!settled.get() && input.isReady()) {
                int n = input.read(buffer);
                if (n < 0) return; // onAllDataRead follows
                if (n > 0) sink.write(buffer, 0, n);
            }
        } catch (RuntimeException | IOException e) {
            onError(e);
        }
    }

    @Override
    public void onAllDataRead() {
        if (settled.get()) return;
        try {
            sink.finish();
            if (settled.compareAndSet(false, true)) done.complete(null);
        } catch (RuntimeException | IOException e) {
            onError(e);
        }
    }

    @Override
    public void onError(Throwable failure) {
        if (settled.compareAndSet(false, true)) done.completeExceptionally(failure);
    }
}
