package io.volumegate.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The XML answer of an operation that may run long after its checks passed, as S3 answers
 * CompleteMultipartUpload: if the answer is not ready within a grace period, 200 and the
 * XML declaration go out at once, then a space every {@code interval} so that no proxy or
 * client times the connection out, then the document, or an {@code <Error>} document inside
 * that 200 (S3 does this, and SDKs look for it). An answer ready within the grace period
 * goes out as usual, errors with their own status.
 *
 * <p>Start it only after the request's quick checks passed, so their errors keep their 4xx.
 */
public final class KeepAliveResponse {
    private static final byte[] XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SPACE = {' '};

    private enum State { WAITING, STREAMING, DONE }

    private final Exchange exchange;
    private final ScheduledExecutorService timer;
    private final Duration interval;
    private State state = State.WAITING;
    private ScheduledFuture<?> scheduled;
    private QueuedWriter writer;

    private KeepAliveResponse(Exchange exchange, ScheduledExecutorService timer, Duration interval) {
        this.exchange = exchange;
        this.timer = timer;
        this.interval = interval;
    }

    /**
     * @param after    how long the answer may take before the 200 goes out early; zero: at once
     * @param interval between keep-alive spaces
     */
    public static KeepAliveResponse start(Exchange exchange, ScheduledExecutorService timer, Duration after, Duration interval) {
        KeepAliveResponse response = new KeepAliveResponse(exchange, timer, interval);
        synchronized (response) {
            if (after.isZero() || after.isNegative()) response.beginStreaming();
            else response.scheduled = timer.schedule(response::beginStreaming, after.toMillis(), TimeUnit.MILLISECONDS);
        }
        return response;
    }

    /** Ends with {@code document} (an XML document with or without its declaration). */
    public synchronized void succeed(byte[] document, String contentType) {
        State was = end();
        if (was == State.WAITING) exchange.finishWith(document, contentType);
        else if (was == State.STREAMING) finishStream(withoutDeclaration(document));
    }

    /** Ends with the S3 error for {@code failure}: its own status if nothing was sent yet, else inside the 200. */
    public synchronized void fail(Throwable failure) {
        State was = end();
        if (was == State.WAITING) exchange.fail(failure);
        else if (was == State.STREAMING) finishStream(withoutDeclaration(ErrorResponses.errorDocument(exchange.request(), failure)));
    }

    private synchronized void beginStreaming() {
        if (state != State.WAITING) return;
        state = State.STREAMING;
        try {
            exchange.response().setStatus(200);
            exchange.response().setContentType("application/xml");
            writer = QueuedWriter.on(exchange.response().getOutputStream());
        } catch (IOException | RuntimeException e) {
            state = State.DONE;
            exchange.fail(e);
            return;
        }
        writer.send(XML_DECLARATION);
        long millis = Math.max(1, interval.toMillis());
        scheduled = timer.scheduleWithFixedDelay(() -> writer.sendIfIdle(SPACE), millis, millis, TimeUnit.MILLISECONDS);
    }

    private State end() {
        State was = state;
        state = State.DONE;
        if (scheduled != null) scheduled.cancel(false);
        return was;
    }

    private void finishStream(byte[] tail) {
        writer.send(tail);
        writer.close(exchange::finishWithoutBody);
    }

    /** The document's bytes after its {@code <?xml ...?>} declaration: we sent ours first. */
    static byte[] withoutDeclaration(byte[] document) {
        String head = new String(document, 0, Math.min(document.length, 100), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("<?xml")) return document;
        int end = head.indexOf("?>");
        if (end < 0) return document;
        return java.util.Arrays.copyOfRange(document, end + 2, document.length);
    }
}
