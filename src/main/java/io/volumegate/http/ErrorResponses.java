package io.volumegate.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes S3 error documents; the single place a failure becomes an HTTP response. */
public final class ErrorResponses {
    private ErrorResponses() {}

    /**
     * A request refused before its body was read: the client may still be sending it, so
     * the connection cannot carry another request and is closed after the answer.
     */
    public static void sendBeforeBody(HttpServletRequest request, HttpServletResponse response, Throwable failure) throws IOException {
        send(request, response, failure, mayHaveBody(request));
    }

    public static boolean mayHaveBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** The S3 error document for {@code failure}, for a response that already started (see {@link KeepAliveResponse}). */
    static byte[] errorDocument(HttpServletRequest request, Throwable failure) {
        RequestContext context = RequestContext.of(request);
        S3Exception error = Failures.toS3(failure, context.requestId());
        context.errorCode(error.error().code());
        return ErrorDocument.render(error, request.getRequestURI(), context.requestId()).getBytes(StandardCharsets.UTF_8);
    }

    public static void send(HttpServletRequest request, HttpServletResponse response, Throwable failure,
                            boolean closeConnection) throws IOException {
        RequestContext context = RequestContext.of(request);
        S3Exception error = Failures.toS3(failure, context.requestId());
        context.errorCode(error.error().code());
        if (response.isCommitted()) {
            // Headers are out: the only honest signal left is a broken connection.
            throw new IOException("response already committed when failing with " + error.error().code());
        }
        response.reset();
        context.restoreLastingHeaders(response); // request id, Server, CORS: what every answer carries
        error.headers().forEach(response::setHeader);
        response.setStatus(error.error().status());
        if (closeConnection) response.setHeader("Connection", "close");
        if (error.error().status() == 304 || "HEAD".equals(request.getMethod())) {
            // 304 and HEAD carry no body; S3 still tells the code in a header for HEAD.
            response.setContentLength(0);
            return;
        }
        byte[] body = ErrorDocument.render(error, request.getRequestURI(), context.requestId())
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
