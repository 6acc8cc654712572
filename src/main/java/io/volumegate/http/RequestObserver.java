package io.volumegate.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Told of every request as it starts and as it ends (after its answer was sent, also when it
 * ended asynchronously): what the metrics and the access log are made from. One CDI bean
 * implements it ({@code io.volumegate.ops.Operations}); {@link RequestContextFilter} calls it,
 * on the request's own threads, so an implementation must be quick and must not throw.
 */
public interface RequestObserver {
    void started(RequestContext context);

    /** {@code request} is the request as its client sent it (after trusted proxies). */
    void ended(HttpServletRequest request, HttpServletResponse response, RequestContext context);
}
