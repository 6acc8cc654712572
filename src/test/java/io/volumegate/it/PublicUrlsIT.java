package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every URL the server hands out works on the address the client used. The IT server runs
 * without {@code volumegate.public-endpoint} on a random port, as a server started on any
 * port or reached by any name would: presigned URLs, share links, multipart part URLs and
 * the OpenAPI server entry are built on each request's own scheme, Host and port, and a
 * presigned URL verifies when it comes back through that Host.
 */
class PublicUrlsIT extends ObjectTestBase {
    private static final String BUCKET = "publicurlsit";

    /** The same server under another name than the one the other tests use. */
    private URI localhost;
    private ApiClient api;

    @BeforeEach
    void setUp() {
        bucket(BUCKET);
        localhost = URI.create("http://localhost:" + server.port());
        api = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
    }

    private HttpResponse<String> postThroughLocalhost(String path, String json) {
        return api.send(HttpRequest.newBuilder(localhost.resolve("/api/v1" + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + api.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String curl(String... arguments) throws Exception {
        assumeTrue(Files.isExecutable(java.nio.file.Path.of("/usr/bin/curl")), "curl is not installed");
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/curl", "-sS", "--fail-with-body"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), () -> "curl " + command + ": " + output);
        return output;
    }

    @Test
    void aPresignedUrlPointsAtTheAddressTheRequestUsedAndWorksWithCurl() throws Exception {
        put(BUCKET, "docs/readme.txt", "hello from the volume".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> presigned = postThroughLocalhost("/presign",
                "{\"bucket\": \"" + BUCKET + "\", \"key\": \"docs/readme.txt\", \"method\": \"get_object\", \"expires_in\": 600}");
        assertEquals(200, presigned.statusCode(), presigned.body());
        String url = (String) json(presigned).get("url");
        assertTrue(url.startsWith(localhost + "/" + BUCKET + "/docs/readme.txt?"), url);
        assertEquals("hello from the volume", curl(url));

        HttpResponse<String> upload = postThroughLocalhost("/presign",
                "{\"bucket\": \"" + BUCKET + "\", \"key\": \"docs/new.txt\", \"method\": \"put_object\"}");
        String putUrl = (String) json(upload).get("url");
        assertTrue(putUrl.startsWith(localhost.toString()), putUrl);
        curl("-X", "PUT", "--data-binary", "written by curl", putUrl);
        assertEquals("written by curl", Files.readString(server.volume().resolve(BUCKET).resolve("docs/new.txt")));
    }

    @Test
    void shareLinksAndTheOpenApiServerFollowTheHostToo() throws Exception {
        put(BUCKET, "shared.txt", "shared content".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> share = postThroughLocalhost("/buckets/" + BUCKET + "/share", "{\"key\": \"shared.txt\", \"expires_in\": 3600}");
        assertEquals(201, share.statusCode(), share.body());
        String link = (String) json(share).get("url");
        assertTrue(link.startsWith(localhost + "/-/share/" + BUCKET + "/shared.txt?"), link);
        assertEquals("shared content", curl(link));

        HttpResponse<String> document = api.send(HttpRequest.newBuilder(localhost.resolve("/api/v1/openapi.json")).GET().build());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> servers = (List<Map<String, Object>>) json(document).get("servers");
        assertEquals(localhost + "/api/v1", servers.get(0).get("url"));
        // The usual address still gets its own.
        String usual = (String) json(api.post("/buckets/" + BUCKET + "/share", "{\"key\": \"shared.txt\"}")).get("url");
        assertTrue(usual.startsWith("http://127.0.0.1:" + server.port() + "/-/share/"), usual);
    }

    @Test
    void multipartPartUrlsAreSignedForTheHostTheyComeBackThrough() throws Exception {
        HttpResponse<String> plan = postThroughLocalhost("/buckets/" + BUCKET + "/multipart/parts.bin/presign",
                "{\"file_size\": 11, \"expires_in\": 600}");
        assertEquals(201, plan.statusCode(), plan.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> urls = (List<Map<String, Object>>) json(plan).get("urls");
        String partUrl = (String) urls.get(0).get("url");
        assertTrue(partUrl.startsWith(localhost + "/" + BUCKET + "/parts.bin?"), partUrl);
        String headers = curl("-X", "PUT", "--data-binary", "eleven byte", "-D", "-", "-o", "/dev/null", partUrl);
        assertTrue(headers.toLowerCase(java.util.Locale.ROOT).contains("etag:"), headers);
        // Signed for localhost, so the same URL through another Host is refused.
        String elsewhere = partUrl.replace("localhost:", "127.0.0.1:");
        HttpResponse<String> refused = api.send(HttpRequest.newBuilder(URI.create(elsewhere))
                .PUT(HttpRequest.BodyPublishers.ofString("eleven byte")).build());
        assertEquals(403, refused.statusCode(), refused.body());
    }

    @Test
    void forwardingHeadersFromAnUntrustedClientDoNotBendTheUrls() {
        HttpResponse<String> presigned = api.send(api.request("/presign").header("Content-Type", "application/json")
                .header("X-Forwarded-Host", "evil.example").header("Forwarded", "host=evil.example;proto=https")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bucket\": \"" + BUCKET + "\", \"key\": \"k\", \"method\": \"get_object\"}"))
                .build());
        assertEquals(200, presigned.statusCode(), presigned.body());
        String url = (String) json(presigned).get("url");
        assertTrue(url.startsWith("http://127.0.0.1:" + server.port() + "/"), url);
    }
}
