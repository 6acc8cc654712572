package io.volumegate.http;

import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * First filter of every request: gives it an id (x-amz-request-id), writes one access-log
 * line when it ends, and is the error boundary for anything thrown while the chain runs on
 * the container thread. Work that continues asynchronously reports its own failures through
 * {@link ErrorResponses}. A request that came through trusted proxies goes down the chain as
 * its client sent it ({@link ForwardedRequest}): public Host, scheme and client address.
 */
public class RequestContextFilter extends HttpFilter {
    private static final Logger ACCESS_LOG = Logger.getLogger("io.volumegate.access");

    @Inject
    Config config;

    private final ParsedSetting<TrustedProxies> proxies = new ParsedSetting<>(TrustedProxies::parse);

    @Override
    protected void doFilter(HttpServletRequest received, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.attach(received);
        context.holdCompletionUntilDispatchReturns();
        response.setHeader("x-amz-request-id", context.requestId());
        context.setLastingHeader(response, "Server", "VolumeGate");
        HttpServletRequest request = received;
        try {
            try {
                request = ForwardedRequest.of(received, proxies.of(config.get(Setting.TRUSTED_PROXIES)));
                chain.doFilter(request, response);
            } catch (RuntimeException | IOException | ServletException e) {
                ErrorResponses.sendBeforeBody(request, response, e instanceof ServletException && e.getCause() != null ? e.getCause() : e);
            }
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(AccessLogOnCompletion.INSTANCE, request, response);
            } else {
                logAccess(request, response, context);
            }
        } finally {
            context.dispatchReturned();
        }
    }

    static void logAccess(HttpServletRequest request, HttpServletResponse response, RequestContext context) {
        // The path only: query strings of presigned URLs carry signatures and key ids.
        ACCESS_LOG.info(() -> String.format("%s %s %s %d %dms %s %s", context.requestId(), request.getMethod(),
                request.getRequestURI(), response.getStatus(), context.elapsedMillis(), context.principal(),
                context.operation()));
    }

    /**
     * Logs an asynchronous request when it ends. Stateless, with a public no-argument
     * constructor: WildFly treats every AsyncListener class in a deployment as a component it
     * may instantiate, and warns (WFLYEE0007) about one it cannot.
     */
    public static final class AccessLogOnCompletion implements AsyncListener {
        static final AccessLogOnCompletion INSTANCE = new AccessLogOnCompletion();

        @Override
        public void onComplete(AsyncEvent event) {
            HttpServletRequest request = (HttpServletRequest) event.getSuppliedRequest();
            logAccess(request, (HttpServletResponse) event.getSuppliedResponse(), RequestContext.of(request));
        }

        @Override public void onTimeout(AsyncEvent event) { }

        @Override public void onError(AsyncEvent event) { }

        @Override public void onStartAsync(AsyncEvent event) { }
    }
}
