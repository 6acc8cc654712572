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

/**
 * First filter of every request: gives it an id (x-amz-request-id), counts its body bytes
 * ({@link ByteCounting}), tells the {@link RequestObserver} (metrics, access log) when it
 * starts and when it ends, and is the error boundary for anything thrown while the chain runs
 * on the container thread. Work that continues asynchronously reports its own failures through
 * {@link ErrorResponses}. A request that came through trusted proxies goes down the chain as
 * its client sent it ({@link ForwardedRequest}): public Host, scheme and client address. Every
 * request passes the {@link RequestGate}, which counts it in flight until its answer ends; once
 * a shutdown closed the gate, a new request is answered 503 ({@link ShutdownRefusal}).
 */
public class RequestContextFilter extends HttpFilter {
    @Inject
    Config config;
    @Inject
    RequestObserver observer;
    @Inject
    KeepAliveTimer timer;
    RequestGate gate;

    private final ParsedSetting<TrustedProxies> proxies = new ParsedSetting<>(TrustedProxies::parse);
    /** One StallTimeout while the setting stays the same, rather than one per request; Config parses the text. */
    private final ParsedSetting<StallTimeout> stallTimeouts =
            new ParsedSetting<>(text -> new StallTimeout(timer.scheduler(), timer.endings(), config.stallTimeout()));

    /** Listeners start before filters: the start-up has installed the gate. */
    @Override
    public void init() {
        gate = RequestGate.of(getServletContext());
    }

    /**
     * The application is ending: drain the requests in flight now, while every bean they need
     * still serves them (Tomcat and Payara destroy filters before they tell listeners).
     */
    @Override
    public void destroy() {
        if (gate != null) gate.drain();
    }

    @Override
    protected void doFilter(HttpServletRequest received, HttpServletResponse sent, FilterChain chain)
            throws IOException, ServletException {
        RequestContext context = RequestContext.attach(received);
        context.stallTimeout(stallTimeouts.of(config.get(Setting.STALL_TIMEOUT_SECONDS)));
        context.holdCompletionUntilDispatchReturns();
        observer.started(context);
        HttpServletResponse response = ByteCounting.response(sent, context);
        response.setHeader("x-amz-request-id", context.requestId());
        context.setLastingHeader(response, "Server", "VolumeGate");
        HttpServletRequest request = received;
        boolean admitted = gate.enter();
        try {
            request = ByteCounting.request(ForwardedRequest.of(received, proxies.of(config.get(Setting.TRUSTED_PROXIES))), context);
            if (admitted) {
                chain.doFilter(request, response);
            } else {
                ShutdownRefusal.send(request, response);
            }
        } catch (RuntimeException | IOException | ServletException e) {
            ErrorResponses.sendBeforeBody(request, response, e instanceof ServletException && e.getCause() != null ? e.getCause() : e);
        } finally {
            try {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new EndOnCompletion(observer, admitted ? gate : null), request, response);
                } else {
                    end(request, response, context, observer, admitted ? gate : null);
                }
            } finally {
                context.dispatchReturned();
            }
        }
    }

    private static void end(HttpServletRequest request, HttpServletResponse response, RequestContext context,
                            RequestObserver observer, RequestGate gate) {
        try {
            observer.ended(request, response, context);
        } finally {
            if (gate != null) gate.leave();
        }
    }

    /**
     * Tells the observer (and the gate) when an asynchronous request ends. With a public no-argument
     * constructor: WildFly treats every AsyncListener class in a deployment as a component it
     * may instantiate, and warns (WFLYEE0007) about one it cannot.
     */
    public static final class EndOnCompletion implements AsyncListener {
        private final RequestObserver observer;
        private final RequestGate gate;

        public EndOnCompletion() {
            this(null, null);
        }

        EndOnCompletion(RequestObserver observer, RequestGate gate) {
            this.observer = observer;
            this.gate = gate;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (observer == null) return;
            HttpServletRequest request = (HttpServletRequest) event.getSuppliedRequest();
            end(request, (HttpServletResponse) event.getSuppliedResponse(), RequestContext.of(request), observer, gate);
        }

        @Override public void onTimeout(AsyncEvent event) { }

        @Override public void onError(AsyncEvent event) { }

        @Override public void onStartAsync(AsyncEvent event) { }
    }
}
