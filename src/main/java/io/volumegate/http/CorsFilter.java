package io.volumegate.http;

import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/**
 * CORS for the S3 endpoint, before authentication: a browser's preflight ({@code OPTIONS}
 * with {@code Origin} and {@code Access-Control-Request-Method}) carries no credentials and
 * is answered here, as S3 answers it. Any other request from an allowed origin goes on with
 * the CORS headers set as lasting headers, so error documents carry them too and the page's
 * script can read why a request failed.
 */
public class CorsFilter extends HttpFilter {
    /** The request headers a CORS answer depends on; bucket rules answer with the same. */
    public static final String VARY = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

    @Inject
    Config config;

    private final ParsedSetting<CorsPolicy> policies = new ParsedSetting<>(CorsPolicy::parse);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CorsPolicy policy = policies.of(config.get(Setting.CORS_ORIGINS));
        RequestContext context = RequestContext.of(request);
        String origin = request.getHeader("Origin");
        if ("OPTIONS".equals(request.getMethod())) {
            context.operation("CORS_PREFLIGHT");
            answerPreflight(policy, request, response, origin);
            return;
        }
        if (origin != null && policy.enabled()) {
            context.setLastingHeader(response, "Vary", VARY);
            Optional<String> allowed = policy.allowOrigin(origin);
            if (allowed.isPresent()) {
                context.setLastingHeader(response, "Access-Control-Allow-Origin", allowed.get());
                context.setLastingHeader(response, "Access-Control-Expose-Headers", CorsPolicy.EXPOSED_HEADERS);
            }
        }
        chain.doFilter(request, response);
    }

    private static void answerPreflight(CorsPolicy policy, HttpServletRequest request, HttpServletResponse response, String origin) {
        String method = request.getHeader("Access-Control-Request-Method");
        String headers = request.getHeader("Access-Control-Request-Headers");
        Optional<S3Exception> refusal = policy.refusePreflight(origin, method, headers);
        if (refusal.isPresent()) throw refusal.get();
        response.setHeader("Access-Control-Allow-Origin", policy.allowOrigin(origin).orElseThrow());
        response.setHeader("Access-Control-Allow-Methods", CorsPolicy.ALLOWED_METHODS);
        if (headers != null && !headers.isBlank()) response.setHeader("Access-Control-Allow-Headers", headers.strip());
        response.setHeader("Access-Control-Expose-Headers", CorsPolicy.EXPOSED_HEADERS);
        response.setHeader("Access-Control-Max-Age", CorsPolicy.MAX_AGE_SECONDS);
        response.setHeader("Vary", VARY);
        response.setStatus(200);
        response.setContentLength(0);
    }
}
