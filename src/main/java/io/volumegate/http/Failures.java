package io.volumegate.http;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns whatever went wrong into the S3 error a client should see. Client mistakes are
 * already {@link S3Exception}s (storage failures were translated by the protocol's own
 * table before they get here); the rest is an InternalError whose details go to the log (with the request id), never to
 * the client.
 */
public final class Failures {
    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private Failures() {}

    public static S3Exception toS3(Throwable failure, String requestId) {
        Throwable cause = unwrap(failure);
        if (cause instanceof S3Exception s3) return s3;
        if (cause instanceof RejectedExecutionException) {
            return S3Error.SERVICE_UNAVAILABLE.exception("The server is busy; retry shortly.");
        }
        if (cause instanceof AccessDeniedException) {
            LOG.log(Level.WARNING, "request {0}: the server may not access {1}", new Object[] {requestId, ((AccessDeniedException) cause).getFile()});
            return S3Error.ACCESS_DENIED.exception("The server's account may not access this path on the volume.");
        }
        if (isClientGone(cause)) {
            return S3Error.REQUEST_TIMEOUT.exception("The connection closed before the request body was complete.");
        }
        LOG.log(Level.SEVERE, "request " + requestId + " failed", cause);
        return S3Error.INTERNAL_ERROR.exception();
    }

    /** A body that stopped arriving: the client hung up or timed out mid-request. */
    public static boolean isClientGone(Throwable cause) {
        if (!(cause instanceof IOException)) return false;
        String name = cause.getClass().getName();
        return name.contains("EOF") || name.contains("ClientAbort") || name.contains("Timeout")
                || cause instanceof java.io.EOFException;
    }

    /** The failure a future wrapped (CompletionException, ExecutionException), or the failure itself. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
