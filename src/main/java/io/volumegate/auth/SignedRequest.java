package io.volumegate.auth;

import java.util.List;

/**
 * What signature verification needs to see of an HTTP request, exactly as it arrived.
 * Kept apart from the servlet API so the signing rules can be tested against AWS's
 * published examples without a container.
 */
public interface SignedRequest {
    /** HTTP method, upper case. */
    String method();

    /** Request path as received, still percent-encoded, without the query. */
    String rawPath();

    /** Raw query string as received (percent-encoded), or null when there is none. */
    String rawQuery();

    /** All values of a header, in order; empty when absent. Names are case-insensitive. */
    List<String> headerValues(String name);

    /**
     * The names of the headers present, in whatever case they arrived; a name may appear
     * more than once in different cases. Signature Version 2 signs every x-amz-* header
     * without listing them, so its verifier has to discover them.
     */
    List<String> headerNames();

    default String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
