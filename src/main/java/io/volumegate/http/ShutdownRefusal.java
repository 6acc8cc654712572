package io.volumegate.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a request that arrives once a shutdown has begun: 503 ServiceUnavailable, which
 * every SDK retries (a load balancer then sends the retry to another node), with
 * {@code Connection: close} so the client does not send its next request down a connection
 * to a server that is going away. S3 requests get S3's error document; the management API,
 * share links and the {@code /-/} endpoints get the management API's JSON error shape.
 */
final class ShutdownRefusal {
    static final String CODE = "ServiceUnavailable";
    static final String MESSAGE = "The server is shutting down; retry the request.";

    private ShutdownRefusal() {}

    static void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!isJsonPath(request)) {
            ErrorResponses.send(request, response, S3Error.SERVICE_UNAVAILABLE.exception(MESSAGE), true);
            return;
        }
        RequestContext.of(request).errorCode(CODE);
        response.setStatus(503);
        response.setHeader("Connection", "close");
        response.setHeader("Cache-Control", "no-store");
        if ("HEAD".equals(request.getMethod())) {
            response.setContentLength(0);
            return;
        }
        // A constant document: the JSON library belongs to the management API, not to this package.
        byte[] body = ("{\"code\":\"" + CODE + "\",\"message\":\"" + MESSAGE + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The management API ({@code /api/}) and our own endpoints ({@code /-/}) speak JSON; every other path is S3's. */
    static boolean isJsonPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/-/");
    }
}
