package io.volumegate.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal that the client sees as an S3 error document. Carries no stack trace: these
 * are answers, not failures of the server, and are thrown on hot paths.
 */
public final class S3Exception extends RuntimeException {
    private final S3Error error;
    private final Map<String, String> details = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public S3Exception(S3Error error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    public S3Error error() { return error; }

    /** Extra elements S3 puts in some error documents (e.g. RequestTime, ServerTime). */
    public S3Exception with(String element, String value) {
        details.put(element, value);
        return this;
    }

    public Map<String, String> details() { return details; }

    /**
     * A response header the error answer carries (e.g. a 416's Content-Range): the error
     * writer resets the response, so a header set by the thrower would be lost.
     */
    public S3Exception withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() { return headers; }
}
