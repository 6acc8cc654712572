package io.volumegate.api;

import io.volumegate.http.Failures;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Exception;
import io.volumegate.storage.StorageException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Renders any failure of a management API or share-link request as
 * {@code {"code": ..., "message": ...}} with its status. {@link ApiException}s are answers as
 * they are; storage failures go through the API's own table ({@link StorageErrors}); the
 * protocol-level refusals shared with S3 (ranges, signatures) keep their S3 code and status;
 * everything else goes through
 * {@link Failures} (logged with the request id) and is a bare 500 InternalError: never a
 * stack trace.
 */
public final class ApiErrors {
    private ApiErrors() {}

    public static void send(HttpServletRequest request, HttpServletResponse response, Throwable failure,
                            boolean closeConnection) throws IOException {
        RequestContext context = RequestContext.of(request);
        ApiException error = toApi(failure, context.requestId());
        context.errorCode(error.code());
        if (response.isCommitted()) {
            throw new IOException("response already committed when failing with " + error.code());
        }
        response.reset();
        context.restoreLastingHeaders(response); // request id, Server, CORS: what every answer carries
        response.setHeader("Cache-Control", "no-store");
        error.headers().forEach(response::setHeader);
        response.setStatus(error.status());
        if (closeConnection) response.setHeader("Connection", "close");
        if (error.status() == 401) response.setHeader("WWW-Authenticate", "Bearer realm=\"volumegate\"");
        if (error.status() == 405) {
            String rawPath = ApiServlet.rawApiPath(request);
            if (rawPath != null) response.setHeader("Allow", String.join(", ", ApiRouter.allowedMethods(rawPath)));
        }
        if ("HEAD".equals(request.getMethod())) {
            response.setContentLength(0);
            return;
        }
        byte[] body = ApiJson.write(new ApiError(error.code(), error.getMessage()));
        response.setContentType(ApiJson.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static ApiException toApi(Throwable failure, String requestId) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof ApiException api) return api;
        var storage = StorageException.classify(cause);
        if (storage.isPresent()) return StorageErrors.toApi(storage.get());
        S3Exception s3 = Failures.toS3(cause, requestId);
        String message = s3.getMessage() != null ? s3.getMessage() : s3.error().defaultMessage();
        ApiException api = new ApiException(s3.error().status(), s3.error().code(), message);
        api.headers().putAll(s3.headers());
        return api;
    }
}
