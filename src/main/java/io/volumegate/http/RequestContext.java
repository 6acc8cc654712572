package io.volumegate.http;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-request facts every layer may need: the id echoed as x-amz-request-id and written
 * to the access log, when the request started, and the headers every answer to it carries.
 */
public final class RequestContext {
    private static final String ATTRIBUTE = RequestContext.class.getName();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String requestId;
    private final long startNanos = System.nanoTime();
    private volatile String operation = "-";
    private volatile String principal = "-";
    private final Map<String, String> lastingHeaders = new LinkedHashMap<>();

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

    public long elapsedMillis() { return (System.nanoTime() - startNanos) / 1_000_000; }

    /** Name of the operation (an Endpoint) for the access log. */
    public void operation(String operation) { this.operation = operation; }

    public String operation() { return operation; }

    /** Access key id (never a secret) for the access log. */
    public void principal(String principal) { this.principal = principal; }

    public String principal() { return principal; }

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
