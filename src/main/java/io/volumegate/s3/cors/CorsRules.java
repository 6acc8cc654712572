package io.volumegate.s3.cors;

import io.volumegate.http.Wildcard;
import io.volumegate.storage.CorsRule;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How S3 holds a browser's request to a bucket's CORS rules: in order, the first rule that
 * allows the origin, the method and (for a preflight) every header the page asks to send wins.
 */
final class CorsRules {
    private CorsRules() {}

    /**
     * The first rule allowing a request from {@code origin} with {@code method} (case-sensitive,
     * as S3 compares it) that would send {@code requestHeaders} (a comma-separated list, or null).
     */
    static Optional<CorsRule> match(List<CorsRule> rules, String origin, String method, String requestHeaders) {
        List<String> headers = requestHeaders == null ? List.of() : Arrays.stream(requestHeaders.split(","))
                .map(String::strip).filter(header -> !header.isEmpty()).toList();
        return rules.stream()
                .filter(rule -> rule.allowedMethods().contains(method))
                .filter(rule -> rule.allowedOrigins().stream().anyMatch(allowed -> Wildcard.of(allowed).matches(origin)))
                .filter(rule -> headers.stream().allMatch(header -> rule.allowedHeaders().stream()
                        .anyMatch(allowed -> Wildcard.of(allowed).matches(header))))
                .findFirst();
    }

    /** What Access-Control-Allow-Origin says: {@code *} for a rule that allows every origin, else the origin. */
    static String allowOrigin(CorsRule rule, String origin) {
        return rule.allowedOrigins().stream().anyMatch(allowed -> allowed.equals("*")) ? "*" : origin;
    }
}
