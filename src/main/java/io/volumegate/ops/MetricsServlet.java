package io.volumegate.ops;

import io.volumegate.http.RequestContext;
import io.volumegate.http.TrustedProxies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The Prometheus scrape ({@code volumegate.metrics.path}, default {@code /-/metrics}), for
 * clients whose address (after trusted proxies) is in {@code volumegate.metrics.allow}, or
 * that send {@code Authorization: Bearer <volumegate.metrics.token>}. Others get 403 (401
 * with a token configured, naming the Bearer scheme), and no hint of what the metrics hold.
 * Registered by {@link Operations} at the configured path, not by annotation.
 */
final class MetricsServlet extends HttpServlet {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient RequestMetrics metrics;
    private final transient TrustedProxies allowed;
    private final byte[] token;

    MetricsServlet(RequestMetrics metrics, TrustedProxies allowed, String token) {
        this.metrics = metrics;
        this.allowed = allowed;
        this.token = token.isBlank() ? null : ("Bearer " + token.strip()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestContext context = RequestContext.of(request);
        context.operation("METRICS");
        if (!admits(request)) {
            context.errorCode("AccessDenied");
            response.setStatus(token != null ? 401 : 403);
            if (token != null) response.setHeader("WWW-Authenticate", "Bearer realm=\"volumegate-metrics\"");
            response.setContentType("text/plain; charset=utf-8");
            response.getOutputStream().write("Metrics are not open to this client.\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    boolean admits(HttpServletRequest request) {
        if (allowed.contains(request.getRemoteAddr())) return true;
        String authorization = request.getHeader("Authorization");
        return token != null && authorization != null
                && MessageDigest.isEqual(token, authorization.strip().getBytes(StandardCharsets.UTF_8));
    }
}
