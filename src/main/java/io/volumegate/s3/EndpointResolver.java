package io.volumegate.s3;

import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;

import java.util.function.Predicate;

/** Picks the {@link Endpoint} for a request: the most specific one whose selectors all match. */
final class EndpointResolver {
    private EndpointResolver() {}

    static Endpoint resolve(String method, Endpoint.Target target, QueryParameters query, Predicate<String> hasHeader) {
        Endpoint best = null;
        boolean methodKnown = false;
        for (Endpoint endpoint : Endpoint.values()) {
            if (endpoint.target() != target) continue;
            if (!endpoint.method().equals(method)) continue;
            methodKnown = true;
            if (!matches(endpoint, query, hasHeader)) continue;
            if (best == null || endpoint.specificity() > best.specificity()) best = endpoint;
        }
        if (best == null) {
            throw methodKnown
                    ? S3Error.INVALID_REQUEST.exception("The request's query parameters do not name an operation.")
                    : S3Error.METHOD_NOT_ALLOWED.exception();
        }
        return best;
    }

    private static boolean matches(Endpoint endpoint, QueryParameters query, Predicate<String> hasHeader) {
        for (String selector : endpoint.queryParameters()) {
            int eq = selector.indexOf('=');
            if (eq < 0 ? !query.has(selector) : !selector.substring(eq + 1).equals(query.get(selector.substring(0, eq)))) {
                return false;
            }
        }
        return endpoint.headers().stream().allMatch(hasHeader);
    }
}
