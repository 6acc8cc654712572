package io.volumegate.api;

import io.volumegate.http.Exchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code GET /api/v1/openapi.json}, generated from the route table. */
@ApplicationScoped
public class OpenApiResource {
    @Inject
    PublicUrls urls;

    void document(Exchange exchange, ApiRequest request) {
        ApiResponses.ok(exchange, OpenApiDocument.generate(urls.endpoint().url(ApiRoute.PREFIX)));
    }
}
