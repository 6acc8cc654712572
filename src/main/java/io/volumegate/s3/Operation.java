package io.volumegate.s3;

import io.volumegate.http.Exchange;

/**
 * Carries out one S3 operation. It starts on a container thread, must not block there, and
 * ends the exchange exactly once (a response or an error), from whatever thread.
 */
@FunctionalInterface
public interface Operation {
    void start(Exchange exchange, S3Request request) throws Exception;
}
