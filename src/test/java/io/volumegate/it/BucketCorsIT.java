package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-bucket CORS: Put/Get/DeleteBucketCors with the SDK, and browsers' preflights and
 * requests held to the bucket's rules in order; the server-wide origins
 * (volumegate-it.properties) answer for buckets without rules.
 */
class BucketCorsIT extends ObjectTestBase {
    private static final String SERVER_WIDE_ORIGIN = "https://console.example.test";

    private static CORSRule rule(String id, List<String> methods, List<String> origins, List<String> headers, List<String> expose,
                                 Integer maxAge) {
        CORSRule.Builder rule = CORSRule.builder().id(id).allowedMethods(methods).allowedOrigins(origins).maxAgeSeconds(maxAge);
        if (!headers.isEmpty()) rule.allowedHeaders(headers); // as the SDK reads a rule without them back
        if (!expose.isEmpty()) rule.exposeHeaders(expose);
        return rule.build();
    }

    @Test
    void putGetAndDeleteBucketCors() throws Exception {
        String bucket = "bucketcorsit-config";
        bucket(bucket);
        assertS3Error(404, "NoSuchCORSConfiguration", () -> server.s3().getBucketCors(b -> b.bucket(bucket)));
        List<CORSRule> rules = List.of(
                rule("uploads", List.of("PUT", "POST"), List.of("https://*.example.com"), List.of("*"), List.of("ETag"), 3000),
                rule(null, List.of("GET"), List.of("*"), List.of(), List.of(), null));
        server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(rules)));
        assertEquals(rules, server.s3().getBucketCors(b -> b.bucket(bucket)).corsRules());

        assertS3Error(400, "InvalidRequest", () -> server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                rule(null, List.of("PATCH"), List.of("*"), List.of(), List.of(), null)))));
        assertS3Error(400, "InvalidRequest", () -> server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                rule(null, List.of("GET"), List.of("https://*.*.example.com"), List.of(), List.of(), null)))));
        assertS3Error(400, "MalformedXML", () -> server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                java.util.Collections.nCopies(101, rule(null, List.of("GET"), List.of("*"), List.of(), List.of(), null))))));
        String document = "<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule>"
                + "</CORSConfiguration>";
        assertRawError(400, "InvalidRequest", raw().put("/" + bucket + "?cors").body(document).send());
        assertRawError(400, "BadDigest", raw().put("/" + bucket + "?cors").header("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==").body(document).send());
        assertEquals(rules, server.s3().getBucketCors(b -> b.bucket(bucket)).corsRules(), "refused puts change nothing");

        assertEquals(204, server.s3().deleteBucketCors(b -> b.bucket(bucket)).sdkHttpResponse().statusCode());
        assertS3Error(404, "NoSuchCORSConfiguration", () -> server.s3().getBucketCors(b -> b.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketCors(b -> b.bucket("bucketcorsit-none")));
    }

    @Test
    void preflightsAreHeldToTheBucketsRulesInOrder() {
        String bucket = "bucketcorsit-preflight";
        bucket(bucket);
        server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                rule("suffix", List.of("GET"), List.of("*suffix"), List.of(), List.of(), null),
                rule("uploads", List.of("PUT", "POST"), List.of("https://*.example.com"), List.of("content-type", "x-amz-*"),
                        List.of("ETag", "x-amz-version-id"), 600))));
        String path = "/" + bucket + "/uploads/file.bin?partNumber=1&uploadId=x";

        HttpResponse<String> allowed = preflight(path, "https://app.example.com", "PUT", "Content-Type, x-amz-checksum-crc32");
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals("https://app.example.com", header(allowed, "Access-Control-Allow-Origin"));
        assertEquals("PUT, POST", header(allowed, "Access-Control-Allow-Methods"));
        assertEquals("Content-Type, x-amz-checksum-crc32", header(allowed, "Access-Control-Allow-Headers"));
        assertEquals("ETag, x-amz-version-id", header(allowed, "Access-Control-Expose-Headers"));
        assertEquals("600", header(allowed, "Access-Control-Max-Age"));
        assertEquals("true", header(allowed, "Access-Control-Allow-Credentials"));
        assertTrue(header(allowed, "Vary").contains("Origin"));

        HttpResponse<String> get = preflight("/" + bucket, "foo.suffix", "GET", null);
        assertEquals(200, get.statusCode());
        assertEquals("GET", header(get, "Access-Control-Allow-Methods"));

        assertForbidden(preflight(path, "https://app.example.com", "PUT", "authorization"));
        assertForbidden(preflight(path, "https://app.example.com", "DELETE", null));
        assertForbidden(preflight(path, "foo.suffix", "PUT", null));
        assertForbidden(preflight(path, SERVER_WIDE_ORIGIN, "GET", null)); // the bucket's rules, not the server's, decide
        assertEquals(400, preflight(path, null, "PUT", null).statusCode());
        assertEquals(400, preflight(path, "https://app.example.com", null, null).statusCode());

        server.s3().deleteBucketCors(b -> b.bucket(bucket));
        assertEquals(SERVER_WIDE_ORIGIN, header(preflight(path, SERVER_WIDE_ORIGIN, "GET", null), "Access-Control-Allow-Origin"),
                "without rules, the server-wide origins answer");
        assertForbidden(preflight(path, "https://app.example.com", "PUT", null));
    }

    @Test
    void actualRequestsCarryTheMatchingRulesHeaders() {
        String bucket = "bucketcorsit-requests";
        bucket(bucket);
        server.s3().putObject(b -> b.bucket(bucket).key("data.json"), RequestBody.fromString("{}"));
        server.s3().putBucketCors(b -> b.bucket(bucket).corsConfiguration(c -> c.corsRules(
                rule(null, List.of("GET", "HEAD"), List.of("*"), List.of(), List.of("ETag"), null))));
        try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
            URI url = URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("data.json"))).url().toString());
            HttpResponse<String> read = send(HttpRequest.newBuilder(url).GET().header("Origin", "https://anywhere.example"));
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("*", header(read, "Access-Control-Allow-Origin"));
            assertEquals("GET, HEAD", header(read, "Access-Control-Allow-Methods"));
            assertEquals("ETag", header(read, "Access-Control-Expose-Headers"));
            assertEquals(Optional.empty(), read.headers().firstValue("Access-Control-Allow-Credentials"));
            assertTrue(header(read, "Vary").contains("Origin"));

            URI missing = URI.create(presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("missing.json"))).url().toString());
            HttpResponse<String> notFound = send(HttpRequest.newBuilder(missing).GET().header("Origin", "https://anywhere.example"));
            assertEquals(404, notFound.statusCode());
            assertEquals("*", header(notFound, "Access-Control-Allow-Origin"), "error answers carry the rule's headers too");
        }
        HttpResponse<String> put = send(HttpRequest.newBuilder(server.uri("/" + bucket + "/x")).PUT(HttpRequest.BodyPublishers.ofString("x"))
                .header("Origin", "https://anywhere.example"));
        assertEquals(403, put.statusCode());
        assertEquals(Optional.empty(), put.headers().firstValue("Access-Control-Allow-Origin"), "no rule allows PUT");
    }

    private HttpResponse<String> preflight(String rawPathAndQuery, String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(rawPathAndQuery)).method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (origin != null) request.header("Origin", origin);
        if (method != null) request.header("Access-Control-Request-Method", method);
        if (headers != null) request.header("Access-Control-Request-Headers", headers);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return ApiClient.anonymous(server).send(request.build());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " in " + response.headers().map()));
    }

    private static void assertForbidden(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>AccessForbidden</Code>"), response.body());
        assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Origin"));
    }
}
