package io.volumegate.it;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real browser on another origin, as a web app's page would be: with the bucket's CORS rules
 * it PUTs to a presigned URL and reads the ETag, and posts a browser form upload (POST Object)
 * from the management API's presign-post; without rules the browser refuses the PUT before it
 * is sent. The page comes from a small server of the test's own on another port of 127.0.0.1.
 */
class BrowserCorsIT extends ObjectTestBase {
    private static final String BUCKET = "browsercorsit";
    private static HttpServer pages;
    private static String origin;

    @BeforeAll
    static void aPageOnAnotherOrigin() throws IOException {
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>uploader</title><p>a page of another origin".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        pages.start();
        origin = "http://127.0.0.1:" + pages.getAddress().getPort();
    }

    @AfterAll
    static void stopThePages() {
        if (pages != null) pages.stop(0);
    }

    private String presignedPut(String key) {
        try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
            return presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                    .putObjectRequest(o -> o.bucket(BUCKET).key(key))).url().toString();
        }
    }

    /** fetch() PUTs the text to the URL; the page answers with the status and the ETag it can read, or the browser's error. */
    private static JsonObject putFromThePage(HeadlessChromium browser, String url, String text) throws Exception {
        return browser.evaluate("fetch(" + Json.createValue(url) + ", {method: 'PUT', body: " + Json.createValue(text) + "})"
                + ".then(r => ({status: String(r.status), etag: r.headers.get('ETag')}), e => ({error: String(e)}))").asJsonObject();
    }

    @Test
    void aPageOnAnotherOriginUploadsWhereTheBucketsRulesLetIt() throws Exception {
        assumeTrue(HeadlessChromium.available(), "Chromium is not installed (apt-get install chromium)");
        Path bucket = bucket(BUCKET);
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.navigate(URI.create(origin + "/upload.html"));

            JsonObject refused = putFromThePage(browser, presignedPut("refused.txt"), "not sent");
            assertTrue(refused.containsKey("error"), "no rule lets this origin in: " + refused);
            assertFalse(Files.exists(bucket.resolve("refused.txt")), "the preflight stopped the PUT");

            server.s3().putBucketCors(b -> b.bucket(BUCKET).corsConfiguration(c -> c.corsRules(CORSRule.builder()
                    .allowedOrigins(origin).allowedMethods("PUT", "POST").allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(5)
                    .build())));
            JsonObject put = putFromThePage(browser, presignedPut("allowed.txt"), "hello from the page");
            assertEquals("200", put.getString("status", put.toString()));
            assertEquals(quotedMd5("hello from the page".getBytes(StandardCharsets.UTF_8)), put.getString("etag"),
                    "the rule exposes the ETag to the page");
            assertEquals("hello from the page", Files.readString(bucket.resolve("allowed.txt")));

            ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
            HttpResponse<String> presigned = admin.post("/buckets/" + BUCKET + "/presign-post",
                    "{\"key\": \"forms/${filename}\", \"expires_in\": 600, \"fields\": {\"success_action_status\": \"201\"}}");
            assertEquals(200, presigned.statusCode(), presigned.body());
            Map<String, Object> form = json(presigned);
            JsonObject posted = browser.evaluate("(() => { const form = new FormData();"
                    + " const fields = " + Json.createObjectBuilder((Map<String, Object>) form.get("fields")).build() + ";"
                    + " for (const name in fields) form.append(name, fields[name]);"
                    + " form.append('file', new Blob(['a form upload'], {type: 'text/plain'}), 'note.txt');"
                    + " return fetch(" + Json.createValue((String) form.get("url")) + ", {method: 'POST', body: form})"
                    + ".then(r => r.text().then(body => ({status: String(r.status), body})), e => ({error: String(e)})); })()")
                    .asJsonObject();
            assertEquals("201", posted.getString("status", posted.toString()), posted.toString());
            assertTrue(posted.getString("body").contains("<Key>forms/note.txt</Key>"), posted.toString());
            assertEquals("a form upload", Files.readString(bucket.resolve("forms/note.txt")));

            server.s3().deleteBucketCors(b -> b.bucket(BUCKET));
            JsonObject again = putFromThePage(browser, presignedPut("after.txt"), "not sent either");
            assertTrue(again.containsKey("error"), "the rules are gone: " + again);
            assertFalse(Files.exists(bucket.resolve("after.txt")));
        }
    }
}
