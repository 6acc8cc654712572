package io.volumegate.storage;

import java.util.List;

/**
 * One rule of a bucket's CORS configuration, as the bucket keeps it: which origins may use
 * which methods with which request headers, what the page may read of the answer, and how
 * long a browser may keep a preflight's answer. Data only; which request a rule allows is the
 * protocol's to decide.
 *
 * @param id             the rule's name, or null
 * @param allowedOrigins origins, each with at most one {@code *}
 * @param allowedMethods GET, PUT, POST, DELETE, HEAD
 * @param allowedHeaders request header names, each with at most one {@code *}; may be empty
 * @param exposeHeaders  response header names a page may read; may be empty
 * @param maxAgeSeconds  how long a preflight's answer may be cached; null when not set
 */
public record CorsRule(String id, List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
                       List<String> exposeHeaders, Integer maxAgeSeconds) {
    public CorsRule {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
