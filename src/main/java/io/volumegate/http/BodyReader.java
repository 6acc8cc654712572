package io.volumegate.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

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
    private final StallTimeout.Watch watch;

    private BodyReader(ServletInputStream input, BodySink sink, StallTimeout stallTimeout) {
        this.input = input;
        this.sink = sink;
        long seconds = stallTimeout.limit().toSeconds();
        this.watch = stallTimeout.watch(() -> onError(S3Error.REQUEST_TIMEOUT.exception(
                "No byte of the request body arrived for " + seconds + " s.")));
    }

    /**
     * Starts reading; the future completes once the body has ended and every stage finished,
     * or fails when no byte arrived for the request's {@link StallTimeout}.
     */
    public static CompletableFuture<Void> read(HttpServletRequest request, BodySink sink) throws IOException {
        ServletInputStream input = request.getInputStream();
        BodyReader reader = new BodyReader(input, sink, RequestContext.stallTimeoutOf(request));
        input.setReadListener(reader);
        return reader.done;
    }

    @Override
    public void onDataAvailable() throws IOException {
        try {
            while (!settled.get() && input.isReady()) {
                int n = input.read(buffer);
                if (n < 0) return; // onAllDataRead follows
                if (n > 0) {
                    watch.progress();
                    sink.write(buffer, 0, n);
                }
            }
        } catch (RuntimeException | IOException e) {
            onError(e);
        }
    }

    @Override
    public void onAllDataRead() {
        if (settled.get()) return;
        try {
            watch.stop();
            sink.finish();
            if (settled.compareAndSet(false, true)) done.complete(null);
        } catch (RuntimeException | IOException e) {
            onError(e);
        }
    }

    @Override
    public void onError(Throwable failure) {
        watch.stop();
        if (settled.compareAndSet(false, true)) done.completeExceptionally(failure);
    }
}
