package io.volumegate.it;

import io.volumegate.api.ApiRoute;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GET /api/v1/docs: Swagger UI from the org.webjars:swagger-ui jar over our OpenAPI document,
 * public, under a strict Content-Security-Policy (no inline script, no eval); and, where
 * Chromium is installed, the page in a real browser: every operation listed, no policy
 * violation, sign-in by token and a call with it.
 */
class ApiDocsIT extends ServerTestBase {
    private static final String DOCS = "/api/v1/docs";
    private static final Pattern REFERENCE = Pattern.compile("<(?:script|link)\\b[^>]*?\\b(?:src|href)=\"([^\"]+)\"");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript", "css", "text/css", "png", "image/png");

    @Test
    void thePageLoadsSwaggerUiFromTheWebjarUnderAStrictPolicy() throws IOException {
        HttpResponse<String> page = get(DOCS);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        for (String directive : List.of("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")) {
            assertTrue(policy.contains(directive), directive + " in " + policy);
        }
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
        // The policy forbids inline code: every script is a file, no inline style either.
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>([^<]*)</script>").matcher(page.body());
        int scriptCount = 0;
        while (scripts.find()) {
            scriptCount++;
            assertTrue(scripts.group(1).contains("src=\""), "inline script: " + scripts.group());
            assertTrue(scripts.group(2).isBlank(), "inline script: " + scripts.group());
        }
        assertEquals(2, scriptCount, page.body());
        assertFalse(page.body().contains("<style") || page.body().contains(" style="), page.body());

        URI base = server.uri(DOCS);
        List<String> loaded = new ArrayList<>();
        Matcher references = REFERENCE.matcher(page.body());
        while (references.find()) {
            String reference = references.group(1);
            assertFalse(reference.startsWith("/") || reference.contains("//"), "relative to the page: " + reference);
            HttpResponse<byte[]> asset = getBytes(base.resolve(reference));
            assertEquals(200, asset.statusCode(), reference);
            String extension = reference.substring(reference.lastIndexOf('.') + 1);
            assertTrue(asset.headers().firstValue("Content-Type").orElse("").startsWith(TYPES.get(extension)),
                    reference + ": " + asset.headers().firstValue("Content-Type"));
            assertEquals(policy, asset.headers().firstValue("Content-Security-Policy").orElse(null), reference);
            loaded.add(reference);
        }
        assertEquals(List.of("docs/swagger-ui.css", "docs/favicon-32x32.png", "docs/swagger-ui-bundle.js", "docs/swagger-initializer.js"), loaded);

        // The UI is the webjar's packaged build, byte for byte.
        String version = swaggerUiVersion();
        for (String file : List.of("swagger-ui-bundle.js", "swagger-ui.css")) {
            try (InputStream jar = ApiDocsIT.class.getClassLoader()
                    .getResourceAsStream("META-INF/resources/webjars/swagger-ui/" + version + "/" + file)) {
                assertNotNull(jar, file);
                assertArrayEquals(jar.readAllBytes(), getBytes(base.resolve("docs/" + file)).body(), file);
            }
        }
        // Revalidated by the webjar's version: 1.6 MB of bundle is not sent again.
        HttpResponse<byte[]> bundle = getBytes(base.resolve("docs/swagger-ui-bundle.js"));
        String etag = bundle.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.contains(version), etag);
        HttpResponse<String> again = send(HttpRequest.newBuilder(base.resolve("docs/swagger-ui-bundle.js")).header("If-None-Match", etag).build());
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void theInitializerNamesOurOpenApiDocumentRelatively() {
        URI initializer = server.uri(DOCS + "/swagger-initializer.js");
        HttpResponse<String> script = get(initializer.getRawPath());
        assertEquals(200, script.statusCode());
        assertFalse(script.body().contains("petstore"), "ours, not the webjar's demo initializer");
        Matcher url = Pattern.compile("new URL\\('([^']+)', document\\.currentScript\\.src\\)").matcher(script.body());
        assertTrue(url.find(), script.body());
        assertEquals("../openapi.json", url.group(1));
        URI openApi = initializer.resolve(url.group(1));
        assertEquals("/api/v1/openapi.json", openApi.getPath());
        // public, and it declares the bearer scheme Authorize offers
        HttpResponse<String> document = send(HttpRequest.newBuilder(openApi).build());
        assertEquals(200, document.statusCode());
        @SuppressWarnings("unchecked")
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) json(document).get("components")).get("securitySchemes");
        Map<?, ?> bearer = (Map<?, ?>) schemes.get("bearer");
        assertEquals("http", bearer.get("type"));
        assertEquals("bearer", bearer.get("scheme"));
        assertEquals("JWT", bearer.get("bearerFormat"));
    }

    @Test
    void onlyTheUisFilesAreServedThereAndTheApiKeepsItsRoutes() {
        HttpResponse<String> slash = get(DOCS + "/");
        assertEquals(302, slash.statusCode());
        assertTrue(slash.headers().firstValue("Location").orElse("").endsWith(DOCS), slash.headers().toString());
        for (String path : List.of(DOCS + "/index.html", DOCS + "/oauth2-redirect.html", DOCS + "/missing.js", DOCS + "/Swagger-UI.css",
                DOCS + "/swagger-ui.css.map", DOCS + "/../../../WEB-INF/web.xml", DOCS + "/%2E%2E/%2E%2E/%2E%2E/WEB-INF/web.xml",
                DOCS + "/..%2F..%2F..%2FWEB-INF%2Fweb.xml", DOCS + "/docs/index.html", DOCS + "/x/swagger-ui.css")) {
            HttpResponse<String> response = get(path);
            // 404 from the docs; 400 or 403 where the container or the S3 side saw the path first
            assertTrue(Set.of(400, 403, 404).contains(response.statusCode()), path + " -> " + response.statusCode());
            assertFalse(response.body().contains("<web-app") || response.body().contains("swagger"), path);
        }
        HttpResponse<String> post = send(HttpRequest.newBuilder(server.uri(DOCS)).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(405, post.statusCode());
        // Next to it the API answers as before: the document in public, everything else with a token.
        assertEquals(200, get("/api/v1/openapi.json").statusCode());
        ApiClient.assertApiError(get("/api/v1/buckets"), 401, "Unauthorized");
        ApiClient.assertApiError(get("/api/v1/documents"), 404, "NoSuchRoute");
    }

    @Test
    void aBrowserListsEveryOperationSignsInAndTriesOneOut() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.beforeEveryPage("window.violations = [];"
                    + "document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));");
            browser.navigate(server.uri(DOCS));
            browser.await("document.querySelectorAll('.opblock').length === " + ApiRoute.values().length, Duration.ofSeconds(60));
            String text = ((jakarta.json.JsonString) browser.evaluate("document.body.innerText")).getString();
            assertTrue(text.contains("/buckets") && text.contains("/auth/token") && text.contains("Authorize"), text);

            String flow = Files.readString(Path.of("src/test/js/api-docs-try-it-out.js"), StandardCharsets.UTF_8);
            JsonObject result = browser.evaluate("(" + flow + ")(" + Json.createValue(server.adminAccessKey()) + ", "
                    + Json.createValue(server.adminSecretKey()) + ")").asJsonObject();
            assertEquals("btn authorize unlocked", result.getString("before"), result.toString());
            assertEquals("200", result.getString("token"), result.toString());
            assertEquals("btn authorize locked", result.getString("after"), result.toString());
            assertEquals("200", result.getString("buckets"), result.toString());
            assertTrue(result.getString("bucketsCurl").contains("Authorization: Bearer ey"), result.toString());
            assertTrue(result.getString("bucketsCurl").contains(server.endpoint() + "api/v1/buckets"), result.toString());

            assertEquals(JsonValue.EMPTY_JSON_ARRAY, browser.evaluate("window.violations"), "CSP violations; browser said " + browser.messages());
            List<String> policyMessages = browser.messages().stream()
                    .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
            assertEquals(List.of(), policyMessages);
            List<String> errors = browser.messages().stream().filter(m -> m.startsWith("error") || m.startsWith("exception")).toList();
            assertEquals(List.of(), errors, "the page's console");
        }
    }

    private static String swaggerUiVersion() throws IOException {
        try (InputStream pom = ApiDocsIT.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            assertNotNull(pom, "org.webjars:swagger-ui on the test class path");
            Properties properties = new Properties();
            properties.load(pom);
            return properties.getProperty("version");
        }
    }

    private HttpResponse<String> get(String rawPath) {
        return send(HttpRequest.newBuilder(server.uri(rawPath)).GET().build());
    }

    private HttpResponse<byte[]> getBytes(URI uri) {
        return ApiClient.anonymous(server).send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return ApiClient.anonymous(server).send(request);
    }
}
