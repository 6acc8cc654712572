package io.volumegate.http;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-request facts every layer may need: the id echoed as x-amz-request-id and written
 * to the access log, when the request started, and the headers every answer to it carries;
 * and what the access log and the metrics report when it ends: operation, access key,
 * bucket and key, error code, bytes in and out.
 */
public final class RequestContext {
    private static final String ATTRIBUTE = RequestContext.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String requestId;
    private final long startNanos = System.nanoTime();
    private volatile String operation = "-";
    private volatile String principal = "-";
    private volatile String bucket;
    private volatile String key;
    private volatile String errorCode;
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private volatile StallTimeout stallTimeout = StallTimeout.NONE;
    private final Map<String, String> lastingHeaders = new LinkedHashMap<>();
    /** Until the container's dispatch returns: null, or the completion waiting for it; then {@link #DISPATCHED}. */
    private final AtomicReference<Runnable> completion = new AtomicReference<>(DISPATCHED);
    private static final Runnable DISPATCHED = () -> { };

    private RequestContext(String requestId) {
        this.requestId = requestId;
    }

    static RequestContext attach(ServletRequest request) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        RequestContext context = new RequestContext(HexFormat.of().withUpperCase().formatHex(id));
        request.setAttribute(ATTRIBUTE, context);
        return context;
    }

    public static RequestContext of(ServletRequest request) {
        RequestContext context = (RequestContext) request.getAttribute(ATTRIBUTE);
        return context != null ? context : attach(request);
    }

    public String requestId() { return requestId; }

    /** How long this request's body transfers may stall (set by {@link RequestContextFilter}). */
    public static StallTimeout stallTimeoutOf(ServletRequest request) { return of(request).stallTimeout; }

    void stallTimeout(StallTimeout stallTimeout) { this.stallTimeout = stallTimeout; }

    /**
     * From now until {@link #dispatchReturned()}, {@link #completeAfterDispatch} holds an
     * asynchronous completion back. Payara's Grizzly recycles the response when an async
     * request completes on another thread while the container's own thread is still in the
     * filter chain (seen: an NPE in CoyoteAdapter.doService, and a request never answered), and
     * the access-log listener must be registered before the request can complete.
     */
    void holdCompletionUntilDispatchReturns() {
        completion.set(null);
    }

    /** The container's dispatch (the whole filter chain) has returned: run a completion that waited for it. */
    void dispatchReturned() {
        Runnable waiting = completion.getAndSet(DISPATCHED);
        if (waiting != null && waiting != DISPATCHED) waiting.run();
    }

    /** Runs {@code complete} now if the dispatch has returned, else as soon as it does. */
    public void completeAfterDispatch(Runnable complete) {
        if (!completion.compareAndSet(null, complete)) complete.run();
    }

    public long elapsedMillis() { return elapsedNanos() / 1_000_000; }

    public long elapsedNanos() { return System.nanoTime() - startNanos; }

    /** Name of the operation (an Endpoint) for the access log. */
    public void operation(String operation) { this.operation = operation; }

    public String operation() { return operation; }

    /** Access key id (never a secret) for the access log. */
    public void principal(String principal) { this.principal = principal; }

    public String principal() { return principal; }

    /** The bucket and key the request is about (either may be null), for the access log. */
    public void target(String bucket, String key) {
        this.bucket = bucket;
        this.key = key;
    }

    public String bucket() { return bucket; }

    public String key() { return key; }

    /** The error code the answer carries (S3's, or the management API's); null for a success. */
    public void errorCode(String code) { this.errorCode = code; }

    public String errorCode() { return errorCode; }

    /** Request body bytes read so far (counted by {@link ByteCounting}). */
    public long bytesIn() { return bytesIn.get(); }

    /** Response body bytes written so far (counted by {@link ByteCounting}). */
    public long bytesOut() { return bytesOut.get(); }

    void countIn(long n) { bytesIn.addAndGet(n); }

    void countOut(long n) { bytesOut.addAndGet(n); }

    /**
     * Sets a header that every answer to this request carries, error documents included:
     * they reset the response, then {@link #restoreLastingHeaders} puts these back.
     */
    public synchronized void setLastingHeader(HttpServletResponse response, String name, String value) {
        lastingHeaders.put(name, value);
        response.setHeader(name, value);
    }

    /** After a reset: x-amz-request-id and the lasting headers. */
    public synchronized void restoreLastingHeaders(HttpServletResponse response) {
        response.setHeader("x-amz-request-id", requestId);
        lastingHeaders.forEach(response::setHeader);
    }
}
