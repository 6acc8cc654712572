package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The readiness probe as a load balancer sees it: 200 while the volume takes writes and has
 * its reserve free, 503 with a JSON reason when a directory the server stores objects in is
 * full or read-only. The volume itself cannot be swapped under the shared server, so this
 * mounts a small tmpfs over the directory of the bound bucket {@code bound-share}
 * (volumegate-it.properties), which readiness checks like the volume; it needs root (as CI
 * runs) and is skipped elsewhere. The liveness probe /-/health stays 200 throughout.
 */
class ReadinessIT extends ServerTestBase {
    @BeforeEach
    void boundDirectoryExists() throws IOException {
        // An operator's existing share; AddressingIT may or may not have made it yet.
        Files.createDirectories(boundShare());
    }

    @Test
    void readyWhileTheVolumeCanTakeWrites() throws Exception {
        HttpResponse<String> ready = get("/-/ready");
        assertEquals(200, ready.statusCode(), ready::body);
        assertEquals("{\"status\":\"UP\"}", ready.body());
        assertEquals("application/json", ready.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @Test
    void aFullOrReadOnlyDirectoryTakesTheNodeOut() throws Exception {
        Path bound = boundShare();
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", bound.toString()) == 0,
                "mounting a tmpfs needs root");
        try {
            assertEquals(200, get("/-/ready").statusCode(), "a fresh 4 MiB tmpfs has more than the 1 MiB reserve");

            Path filler = bound.resolve("filler.bin");
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] block = new byte[64 * 1024];
                while (true) out.write(block);
            } catch (IOException full) {
                // no space left on device: as intended
            }
            HttpResponse<String> full = get("/-/ready");
            assertEquals(503, full.statusCode(), full::body);
            assertTrue(full.body().startsWith("{\"status\":\"DOWN\",\"reasons\":[\"bucket bound-share's directory "), full.body());
            assertTrue(full.body().contains("less than the reserve of 1048576"), full.body());
            assertEquals(200, get("/-/health").statusCode(), "still alive");

            Files.delete(filler);
            assertEquals(200, get("/-/ready").statusCode());
            assertEquals(0, run("mount", "-o", "remount,ro", bound.toString()));
            HttpResponse<String> readOnly = get("/-/ready");
            assertEquals(503, readOnly.statusCode(), readOnly::body);
            assertTrue(readOnly.body().contains("is not writable: Read-only file system"), readOnly.body());
        } finally {
            assertEquals(0, run("umount", bound.toString()));
        }
        assertEquals(200, get("/-/ready").statusCode(), "ready again once the directory is back");
    }

    private static Path boundShare() {
        String binding = TestServer.setting("volumegate.buckets"); // bound-share=/path
        return Path.of(binding.substring(binding.indexOf('=') + 1));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return server.http().send(HttpRequest.newBuilder(server.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int run(String... command) throws Exception {
        try {
            return new ProcessBuilder(List.of(command)).inheritIO().start().waitFor();
        } catch (IOException notThere) {
            return -1;
        }
    }
}
