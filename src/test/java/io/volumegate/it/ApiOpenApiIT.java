package io.volumegate.it;

import io.volumegate.api.ApiRoute;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** GET /api/v1/openapi.json: public, and describes exactly the routes the server has. */
class ApiOpenApiIT extends ServerTestBase {
    @Test
    @SuppressWarnings("unchecked")
    void theServedDocumentNamesEveryRoute() {
        HttpResponse<String> response = ApiClient.anonymous(server).get("/openapi.json");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> document = json(response);
        assertEquals("3.0.3", document.get("openapi"));
        Map<String, Object> server0 = ((java.util.List<Map<String, Object>>) document.get("servers")).get(0);
        assertEquals(server.endpoint() + "api/v1", server0.get("url"));
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        int operations = 0;
        for (Object path : paths.values()) operations += ((Map<String, Object>) path).size();
        assertEquals(ApiRoute.values().length, operations);
        for (ApiRoute route : ApiRoute.values()) {
            Map<String, Object> path = (Map<String, Object>) paths.get(route.template());
            assertNotNull(path, route.template());
            assertNotNull(path.get(route.method().toLowerCase(Locale.ROOT)), route.name());
        }
    }
}
