package io.volumegate.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal of the management API: an HTTP status, a stable machine-readable code and a
 * message for people. Rendered as {@code {"code": ..., "message": ...}} by {@link ApiErrors}.
 * Carries no stack trace: it is an answer, not a failure of the server.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }

    public String code() { return code; }

    /** Response headers the error answer keeps (a 416's Content-Range): the error writer resets the rest. */
    public Map<String, String> headers() { return headers; }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "InvalidArgument", message);
    }

    public static ApiException malformedJson(String message) {
        return new ApiException(400, "MalformedJson", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "Unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "AccessDenied", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }
}
