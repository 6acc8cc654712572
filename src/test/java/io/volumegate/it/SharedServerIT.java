package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A second IT class on the same server: the run must start Payara Micro only once. */
class SharedServerIT extends ServerTestBase {

    @Test
    void serverIsOnLoopbackAtTheRoot() throws Exception {
        assertEquals("127.0.0.1", server.endpoint().getHost());
        assertEquals("/", server.endpoint().getPath());
        HttpResponse<Void> response = server.http().send(
                HttpRequest.newBuilder(server.uri("/-/health")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, response.statusCode());
    }

    @Test
    void volumeExists() {
        assertTrue(Files.isDirectory(server.volume()), server.volume() + " is not a directory");
    }
}
