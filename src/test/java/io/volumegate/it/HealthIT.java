package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthIT extends ServerTestBase {

    @Test
    void healthAnswersUp() throws Exception {
        HttpResponse<String> response = server.http().send(
                HttpRequest.newBuilder(server.endpoint().resolve("-/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }
}
