package io.volumegate.api;

import io.volumegate.http.Exchange;

/** Ends an exchange with a JSON document. */
final class ApiResponses {
    private ApiResponses() {}

    static void json(Exchange exchange, int status, Object document) {
        exchange.response().setStatus(status);
        exchange.finishWith(ApiJson.write(document), ApiJson.CONTENT_TYPE);
    }

    static void ok(Exchange exchange, Object document) {
        json(exchange, 200, document);
    }

    static void noContent(Exchange exchange) {
        exchange.response().setStatus(204);
        exchange.finishWithoutBody();
    }
}
