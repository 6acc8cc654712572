package io.volumegate.auth;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;

/** The servlet request as signature verification sees it: raw path and query, all header values. */
final class ServletSignedRequest implements SignedRequest {
    private final HttpServletRequest request;

    ServletSignedRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override public String method() { return request.getMethod(); }

    /** Clients sign the whole path they sent, context path included. */
    @Override public String rawPath() {
        String uri = request.getRequestURI();
        return uri.isEmpty() ? "/" : uri;
    }

    @Override public String rawQuery() { return request.getQueryString(); }

    @Override public List<String> headerValues(String name) {
        return Collections.list(request.getHeaders(name));
    }

    @Override public List<String> headerNames() {
        var names = request.getHeaderNames(); // null only where a container forbids the call
        return names == null ? List.of() : Collections.list(names);
    }
}
