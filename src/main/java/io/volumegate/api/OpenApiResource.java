package io.volumegate.api;

import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import io.volumegate.http.Exchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code GET /api/v1/openapi.json}, generated from the route table. */
@ApplicationScoped
public class OpenApiResource {
    @Inject
    Config config;

    void document(Exchange exchange, ApiRequest request) {
        BulkResource.PublicEndpoint endpoint = BulkResource.PublicEndpoint.of(config.get(Setting.PUBLIC_ENDPOINT));
        ApiResponses.ok(exchange, OpenApiDocument.generate(endpoint.origin() + endpoint.path() + ApiRoute.PREFIX));
    }
}
