package io.volumegate.api;

import io.volumegate.http.Exchange;

/** Serves one {@link ApiRoute}; ends the exchange exactly once, from any thread. */
@FunctionalInterface
interface ApiHandler {
    void handle(Exchange exchange, ApiRequest request) throws Exception;
}
