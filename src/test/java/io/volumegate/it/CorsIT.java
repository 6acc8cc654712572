package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 endpoint as a browser page of another origin meets it: preflights answered without
 * credentials for the configured origins (volumegate-it.properties), refused for others, and
 * answers readable by the page, errors included.
 */
class CorsIT extends ServerTestBase {
    private static final String BUCKET = "corsit";
    private static final String ORIGIN = "https://console.example.test";
    private static boolean prepared;

    @BeforeEach
    void bucket() {
        synchronized (CorsIT.class) {
            if (prepared) return;
            server.s3().createBucket(b -> b.bucket(BUCKET));
            server.s3().putObject(b -> b.bucket(BUCKET).key("page/data.json"), RequestBody.fromString("{\"ok\": true}"));
            prepared = true;
        }
    }

    @Test
    void preflightsOfAllowedOriginsAreAnsweredWithoutCredentials() {
        HttpResponse<String> preflight = preflight("/" + BUCKET + "/uploads/part.bin?partNumber=1&uploadId=x", ORIGIN, "PUT",
                "content-type,x-amz-checksum-crc32");
        assertEquals(200, preflight.statusCode(), preflight.body());
        assertEquals(ORIGIN, header(preflight, "Access-Control-Allow-Origin"));
        assertTrue(header(preflight, "Access-Control-Allow-Methods").contains("PUT"));
        assertEquals("content-type,x-amz-checksum-crc32", header(preflight, "Access-Control-Allow-Headers"));
        assertTrue(header(preflight, "Access-Control-Expose-Headers").contains("ETag"));
        assertTrue(Long.parseLong(header(preflight, "Access-Control-Max-Age")) > 0);
        assertTrue(header(preflight, "Vary").contains("Origin"));
        assertEquals("", preflight.body());

        // one '*' in a configured origin stands for any part of it
        String tenant = "https://team-a.apps.example.test";
        assertEquals(tenant, header(preflight("/" + BUCKET + "/x", tenant, "GET", null), "Access-Control-Allow-Origin"));
        // preflights of a bucket-less path (ListBuckets) are answered too
        assertEquals(200, preflight("/", ORIGIN, "GET", null).statusCode());
    }

    @Test
    void otherPreflightsAreRefusedAsS3RefusesThem() {
        assertError(preflight("/" + BUCKET + "/x", "https://evil.example", "PUT", null), 403, "AccessForbidden");
        assertError(preflight("/" + BUCKET + "/x", "https://apps.example.test", "PUT", null), 403, "AccessForbidden");
        assertError(preflight("/" + BUCKET + "/x", ORIGIN, "PATCH", null), 403, "AccessForbidden");
        assertError(preflight("/" + BUCKET + "/x", ORIGIN, "PUT", "content-type, bad header"), 403, "AccessForbidden");
        assertError(preflight("/" + BUCKET + "/x", null, "PUT", null), 400, "BadRequest");
        assertError(preflight("/" + BUCKET + "/x", ORIGIN, null, null), 400, "BadRequest");
    }

    @Test
    void answersAndErrorsCarryTheOriginForAllowedPagesOnly() {
        try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
            URI url = URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("page/data.json"))).url().toString());
            HttpResponse<String> read = get(url, ORIGIN);
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("{\"ok\": true}", read.body());
            assertEquals(ORIGIN, header(read, "Access-Control-Allow-Origin"));
            assertTrue(header(read, "Access-Control-Expose-Headers").contains("ETag"));
            assertTrue(read.headers().firstValue("ETag").isPresent());

            HttpResponse<String> other = get(url, "https://evil.example");
            assertEquals(200, other.statusCode(), "CORS is the browser's check; the signature is ours");
            assertEquals(Optional.empty(), other.headers().firstValue("Access-Control-Allow-Origin"));
            assertEquals(Optional.empty(), get(url, null).headers().firstValue("Access-Control-Allow-Origin"));

            URI missing = URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("page/missing.json"))).url().toString());
            HttpResponse<String> notFound = get(missing, ORIGIN);
            assertEquals(404, notFound.statusCode());
            assertTrue(notFound.body().contains("<Code>NoSuchKey</Code>"), notFound.body());
            assertEquals(ORIGIN, header(notFound, "Access-Control-Allow-Origin"), "a page can read why it failed");
        }
        HttpResponse<String> unsigned = get(server.uri("/" + BUCKET + "/page/data.json"), ORIGIN);
        assertEquals(403, unsigned.statusCode(), "CORS opens nothing: a request still needs a signature");
        assertEquals(ORIGIN, header(unsigned, "Access-Control-Allow-Origin"));
    }

    private HttpResponse<String> preflight(String rawPathAndQuery, String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(rawPathAndQuery)).method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (origin != null) request.header("Origin", origin);
        if (method != null) request.header("Access-Control-Request-Method", method);
        if (headers != null) request.header("Access-Control-Request-Headers", headers);
        return ApiClient.anonymous(server).send(request.build());
    }

    private HttpResponse<String> get(URI url, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET();
        if (origin != null) request.header("Origin", origin);
        return ApiClient.anonymous(server).send(request.build());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " in " + response.headers().map()));
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
        assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
    }
}
