package io.volumegate.api;

import io.volumegate.http.Exchange;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code GET /api/v1/openapi.json}, generated from the route table. */
@ApplicationScoped
public class OpenApiResource {

    void document(Exchange exchange, ApiRequest request) {
        ApiResponses.ok(exchange, OpenApiDocument.generate(request.endpoint().url(ApiRoute.PREFIX)));
    }
}
