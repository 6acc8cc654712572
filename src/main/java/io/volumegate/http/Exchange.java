package io.volumegate.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One request/response pair and the ways it can end: a body sent, an empty answer, or an
 * error (an S3 error document, or whatever the {@link ErrorWriter} given at construction
 * writes: the management API answers JSON). Every operation ends through exactly one of
 * these, from whichever thread it happens to be on.
 *
 * <p>An exchange is asynchronous from the start, unless it was made {@link #answeredInPlace}:
 * then it stays on the container's thread while it can, and starts asynchronous processing
 * only when it must (a body too large to hand over in one write, a request body to read).
 * Starting async, hopping to the I/O executor and completing through the async listeners
 * cost several times more than the work of answering a small GET or a HEAD.
 */
public final class Exchange {
    private static final Logger LOG = Logger.getLogger(Exchange.class.getName());
    /**
     * The largest file body answered in place: read in one go and written into the container's
     * response buffer, so the container thread never waits on a slow reader for it.
     */
    static final int IN_PLACE_BODY_LIMIT = 64 * 1024;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    /** Null while the exchange is answered in place on the container's dispatch thread. */
    private volatile AsyncContext async;
    private final ErrorWriter errors;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean bodyConsumed;

    /** Writes a failure as the response, before anything of the response was sent. */
    @FunctionalInterface
    public interface ErrorWriter {
        void send(HttpServletRequest request, HttpServletResponse response, Throwable failure, boolean closeConnection)
                throws IOException;
    }

    /** An exchange whose failures are S3 error documents. */
    public Exchange(HttpServletRequest request, HttpServletResponse response) {
        this(request, response, ErrorResponses::send);
    }

    public Exchange(HttpServletRequest request, HttpServletResponse response, ErrorWriter errors) {
        this(request, response, errors, false);
    }

    private Exchange(HttpServletRequest request, HttpServletResponse response, ErrorWriter errors, boolean inPlace) {
        this.request = request;
        this.response = response;
        this.errors = errors;
        if (!inPlace) goAsync();
    }

    /**
     * An exchange for an operation whose blocking work is one file's metadata and at most a
     * small read (GetObject, HeadObject): its {@link #runOn} steps run right here on the
     * container's thread, and a small answer is written without asynchronous processing. It
     * must be ended or handed on (through this class) before the container's dispatch returns.
     */
    public static Exchange answeredInPlace(HttpServletRequest request, HttpServletResponse response, ErrorWriter errors) {
        return new Exchange(request, response, errors, true);
    }

    /** Starts asynchronous processing, once; only ever called on the container's dispatch thread. */
    private void goAsync() {
        if (async != null) return;
        async = request.startAsync(request, response);
        async.setTimeout(0); // bodies of any size: the container's idle timeouts still apply
    }

    /** Whether this exchange is still being answered in place, on the container's dispatch thread. */
    private boolean inPlace() {
        return async == null;
    }

    public HttpServletRequest request() { return request; }

    public HttpServletResponse response() { return response; }

    /**
     * Runs blocking work on the I/O executor (or right here, for an exchange answered in
     * place); a failure becomes the S3 error response.
     */
    public void runOn(Executor executor, BlockingStep step) {
        if (inPlace()) {
            try {
                step.run();
            } catch (Throwable failure) {
                fail(failure);
            }
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    step.run();
                } catch (Throwable failure) {
                    fail(failure);
                }
            });
        } catch (RuntimeException rejected) {
            fail(rejected);
        }
    }

    /**
     * Reads the whole request body into {@code sink} without blocking; the future completes
     * when the body has ended and every stage of the sink has finished.
     */
    public CompletableFuture<Void> readBody(BodySink sink) throws IOException {
        goAsync();
        return BodyReader.read(request, sink).thenRun(this::bodyConsumed);
    }

    /**
     * Goes on once {@code stage} completes: with its value, as blocking work on
     * {@code executor}; or, when it failed, by ending the exchange with the failure.
     */
    public <T> void then(CompletionStage<T> stage, Executor executor, NextStep<T> next) {
        then(stage, executor, () -> { }, next);
    }

    /**
     * As {@link #then(CompletionStage, Executor, NextStep)}, running {@code cleanup} first when
     * the stage or the next step fails (an upload's temp file removed, say): cleanup must be
     * harmless when the step had already cleaned up itself.
     */
    public <T> void then(CompletionStage<T> stage, Executor executor, Runnable cleanup, NextStep<T> next) {
        goAsync(); // the stage may complete on any thread
        stage.whenComplete((value, failure) -> {
            if (failure != null) {
                cleanup.run();
                fail(failure);
            } else {
                runOn(executor, () -> {
                    try {
                        next.run(value);
                    } catch (Throwable stepFailure) {
                        cleanup.run();
                        throw stepFailure;
                    }
                });
            }
        });
    }

    /** Marks the request body as read to its end, so an error need not close the connection. */
    public void bodyConsumed() { bodyConsumed = true; }

    /** Ends with the status and headers already set, and no body. */
    public void finishEmpty() {
        response.setContentLength(0);
        end();
    }

    /** Ends with the headers already set (a HEAD's Content-Length included) and no body. */
    public void finishWithoutBody() {
        end();
    }

    public void finishWith(byte[] body, String contentType) {
        response.setContentType(contentType);
        response.setContentLength(body.length);
        if (inPlace() && body.length <= IN_PLACE_BODY_LIMIT) {
            writeInPlace(body);
            return;
        }
        goAsync();
        try {
            whenSent(BodySender.send(response.getOutputStream(), body, RequestContext.stallTimeoutOf(request)), null);
        } catch (IOException e) {
            fail(e);
        }
    }

    /**
     * Ends with {@code length} bytes of the file from {@code offset} as the body, or with the
     * headers alone for a HEAD (Content-Length still tells the size); closes the file.
     */
    public void finishWithContent(FileChannel channel, long offset, long length, boolean headersOnly) {
        response.setContentLengthLong(length);
        if (headersOnly || channel == null || length == 0) {
            closeQuietly(channel);
            end();
        } else {
            finishWithFile(channel, offset, length);
        }
    }

    /**
     * Ends with a file's content as both APIs send it: all {@code size} bytes, or just
     * {@code range} of them with 206 and Content-Range; the headers alone for a HEAD. Closes
     * the file.
     */
    public void finishWithContent(FileChannel channel, long size, ByteRange range, boolean headersOnly) {
        if (range == null) {
            finishWithContent(channel, 0, size, headersOnly);
            return;
        }
        response.setStatus(206);
        response.setHeader("Content-Range", range.contentRange(size));
        finishWithContent(channel, range.first(), range.length(), headersOnly);
    }

    /** Streams {@code length} bytes of the file from {@code offset}, then closes it. */
    public void finishWithFile(FileChannel channel, long offset, long length) {
        if (inPlace() && length <= IN_PLACE_BODY_LIMIT) {
            byte[] body;
            try (channel) {
                body = SmallFileRead.read(channel, offset, (int) length);
            } catch (IOException e) {
                fail(e);
                return;
            }
            writeInPlace(body);
            return;
        }
        goAsync();
        try {
            whenSent(BodySender.send(response.getOutputStream(), channel, offset, length, RequestContext.stallTimeoutOf(request)), channel);
        } catch (IOException e) {
            closeQuietly(channel);
            fail(e);
        }
    }

    /**
     * Streams a body that {@code source} produces a buffer at a time (its length need not be
     * known), then closes {@code resource}, also when sending fails.
     */
    public void finishWith(BodySender.Source source, AutoCloseable resource) {
        goAsync();
        try {
            whenSent(BodySender.send(response.getOutputStream(), source, RequestContext.stallTimeoutOf(request)), resource);
        } catch (IOException e) {
            closeQuietly(resource);
            fail(e);
        }
    }

    /**
     * Writes a small body through the container's ordinary blocking stream: it fits the
     * response buffer, which the container flushes after the dispatch returns.
     */
    private void writeInPlace(byte[] body) {
        try {
            if (response.getBufferSize() < body.length) response.setBufferSize(body.length);
            response.getOutputStream().write(body);
        } catch (IOException | RuntimeException e) {
            fail(e);
            return;
        }
        end();
    }

    private void whenSent(CompletableFuture<Void> sent, AutoCloseable channel) {
        sent.whenComplete((ignored, failure) -> {
            closeQuietly(channel);
            if (failure == null) end();
            else fail(failure);
        });
    }

    public void fail(Throwable failure) {
        if (ended.get()) return;
        try {
            // Also when the response is committed (a download failing mid-body): the writer still
            // classifies the failure, so a server fault is logged once with the request id and the
            // access log gets its code; then it throws, and the dropped connection tells the client.
            // A client may still be sending a body we will not read: don't reuse that connection.
            errors.send(request, response, failure, !bodyConsumed && ErrorResponses.mayHaveBody(request));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "could not send an error response", e);
        } finally {
            end();
        }
    }

    private void end() {
        // Answered in place: the container completes the response when its dispatch returns.
        if (ended.compareAndSet(false, true) && !inPlace()) RequestContext.of(request).completeAfterDispatch(this::complete);
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyDone) {
            // the container ended the request itself (client gone, timeout)
        }
    }

    private static void closeQuietly(AutoCloseable channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (Exception ignored) {
            // read-only channel or a finished stream; nothing is lost
        }
    }

    /** What happens with the value of a completed stage: blocking work that may throw anything. */
    @FunctionalInterface
    public interface NextStep<T> {
        void run(T value) throws Exception;
    }

    /** Blocking work that may throw anything; failures become S3 errors. */
    @FunctionalInterface
    public interface BlockingStep {
        void run() throws Exception;
    }
}
