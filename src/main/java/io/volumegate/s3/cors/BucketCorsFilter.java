package io.volumegate.s3.cors;

import io.volumegate.config.Config;
import io.volumegate.http.CorsFilter;
import io.volumegate.http.CorsPolicy;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Error;
import io.volumegate.objects.BucketCorsService;
import io.volumegate.s3.S3Address;
import io.volumegate.storage.CorsRule;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * CORS as S3 does it per bucket, before authentication (a preflight carries no credentials):
 * a browser's request to a bucket with CORS rules is held to them in order, the first
 * matching rule wins; a preflight no rule allows is 403 AccessForbidden, and an actual request
 * no rule allows goes on without CORS headers (the browser then hides the answer from the
 * page). Requests to buckets without rules, and to no bucket, get the server-wide
 * {@code volumegate.cors.origins} ({@link CorsFilter}).
 *
 * <p>The rules are read from the bucket's settings on the volume, so every node answers
 * alike; only requests that carry an {@code Origin} (browsers') and preflights read them, a
 * small file read on the request thread.
 */
public class BucketCorsFilter extends CorsFilter {

    @Inject
    BucketCorsService cors;
    @Inject
    Config settings;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean preflight = "OPTIONS".equals(request.getMethod());
        List<CorsRule> rules = preflight || origin != null ? rulesOf(request) : List.of();
        if (rules.isEmpty()) {
            super.doFilter(request, response, chain);
            return;
        }
        RequestContext context = RequestContext.of(request);
        if (preflight) {
            context.operation("CORS_PREFLIGHT");
            answerPreflight(rules, request, response, origin);
            return;
        }
        context.setLastingHeader(response, "Vary", VARY);
        Optional<CorsRule> rule = CorsRules.match(rules, origin, request.getMethod(), null);
        if (rule.isPresent()) describe(rule.get(), origin, (name, value) -> context.setLastingHeader(response, name, value));
        chain.doFilter(request, response);
    }

    /** The rules of the bucket the request names; none for a request to no bucket, or to one that is not there. */
    private List<CorsRule> rulesOf(HttpServletRequest request) throws IOException {
        String bucket;
        try {
            bucket = S3Address.parse(request.getRequestURI(), request.getContextPath(), request.getHeader("Host"),
                    settings.baseDomains()).bucket();
        } catch (RuntimeException unparsable) {
            return List.of(); // routing refuses it with its own error
        }
        return bucket == null ? List.of() : cors.rulesIfAny(bucket);
    }

    private static void answerPreflight(List<CorsRule> rules, HttpServletRequest request, HttpServletResponse response, String origin) {
        String method = request.getHeader("Access-Control-Request-Method");
        String headers = request.getHeader("Access-Control-Request-Headers");
        Optional<io.volumegate.http.S3Exception> malformed = CorsPolicy.refuseMalformedPreflight(origin, method);
        if (malformed.isPresent()) throw malformed.get();
        CorsRule rule = CorsRules.match(rules, origin, method, headers).orElseThrow(() -> S3Error.ACCESS_FORBIDDEN.exception()
                .withHeader("Vary", VARY));
        describe(rule, origin, response::setHeader);
        if (headers != null && !headers.isBlank()) response.setHeader("Access-Control-Allow-Headers", headers.strip());
        response.setHeader("Vary", VARY);
        response.setStatus(200);
        response.setContentLength(0);
    }

    /** The headers that tell the browser what {@code rule} allows the page of {@code origin}. */
    private static void describe(CorsRule rule, String origin, HeaderSetter headers) {
        String allowOrigin = CorsRules.allowOrigin(rule, origin);
        headers.set("Access-Control-Allow-Origin", allowOrigin);
        headers.set("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
        if (!allowOrigin.equals("*")) headers.set("Access-Control-Allow-Credentials", "true");
        if (!rule.exposeHeaders().isEmpty()) headers.set("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
        if (rule.maxAgeSeconds() != null) headers.set("Access-Control-Max-Age", rule.maxAgeSeconds().toString());
    }

    private interface HeaderSetter {
        void set(String name, String value);
    }
}
