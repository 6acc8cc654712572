package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console: its files served under /-/console/ with a strict Content-Security-Policy
 * and nothing else reachable there; and its API client (webapp/console/api.js) driving this
 * server from Node, as the console drives it from a browser.
 */
class ConsoleIT extends ServerTestBase {

    @Test
    void theConsoleIsServedWithAStrictPolicy() {
        HttpResponse<String> page = get("/-/console/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"console.js\"></script>"), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe-inline"), policy);
        // No public endpoint is configured here: presigned part URLs point at the console's own origin.
        assertTrue(policy.contains("connect-src 'self';"), "presigned part uploads go to the console's origin: " + policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));

        for (String file : new String[] {"console.js", "api.js"}) {
            HttpResponse<String> script = get("/-/console/" + file);
            assertEquals(200, script.statusCode(), file);
            assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), file);
        }
        assertTrue(get("/-/console/console.css").headers().firstValue("Content-Type").orElse("").startsWith("text/css"));

        HttpResponse<String> bare = get("/-/console");
        assertEquals(302, bare.statusCode());
        assertTrue(bare.headers().firstValue("Location").orElse("").endsWith("/-/console/"));
    }

    @Test
    void nothingButTheConsolesOwnFilesIsServed() {
        for (String path : new String[] {"/-/console/missing.js", "/-/console/../WEB-INF/web.xml", "/-/console/%2E%2E/WEB-INF/web.xml",
                "/-/console/..%2FWEB-INF%2Fweb.xml", "/-/console/WEB-INF/web.xml", "/-/console/index.html.bak", "/-/console/Index.html"}) {
            HttpResponse<String> response = get(path);
            // 404 from the console; 400 or 403 where the container or the S3 side saw the path first
            assertTrue(java.util.Set.of(400, 403, 404).contains(response.statusCode()), path + " -> " + response.statusCode());
            assertFalse(response.body().contains("<web-app"), path);
        }
        HttpResponse<String> post = send(HttpRequest.newBuilder(server.uri("/-/console/")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, post.statusCode());
    }

    @Test
    void theConsolesApiClientDrivesThisServer() throws Exception {
        assumeTrue(nodeAvailable(), "node is not installed");
        Path output = Files.createTempFile("console-api-test", ".txt");
        try {
            ProcessBuilder node = new ProcessBuilder("node", "--test", "src/test/js/console-api.test.mjs")
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            node.environment().put("VOLUMEGATE_ENDPOINT", server.endpoint().toString());
            node.environment().put("VOLUMEGATE_ACCESS_KEY", server.adminAccessKey());
            node.environment().put("VOLUMEGATE_SECRET_KEY", server.adminSecretKey());
            Process process = node.start();
            boolean finished = process.waitFor(180, TimeUnit.SECONDS);
            if (!finished) process.destroyForcibly();
            String report = Files.readString(output, StandardCharsets.UTF_8);
            assertTrue(finished, "node --test did not finish:\n" + report);
            assertEquals(0, process.exitValue(), report);
            assertTrue(report.contains("# fail 0") && !report.contains("# pass 0"), report);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean nodeAvailable() {
        try {
            return new ProcessBuilder("node", "--version").start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private HttpResponse<String> get(String rawPath) {
        return send(HttpRequest.newBuilder(server.uri(rawPath)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return ApiClient.anonymous(server).send(request);
    }
}
