package io.volumegate.it;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls of the JSON management API ({@code /api/v1}) for integration tests: raw HTTP/1.1
 * through {@link TestServer#http()}, bodies as strings, JSON read into maps with JSON-B.
 * Paths are sent as written (encode keys yourself), relative to {@code /api/v1}.
 */
final class ApiClient {
    static final Jsonb JSON = JsonbBuilder.create();

    private final TestServer server;
    private final String token;

    private ApiClient(TestServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Without a token. */
    static ApiClient anonymous(TestServer server) {
        return new ApiClient(server, null);
    }

    /** With {@code Authorization: Bearer <token>}. */
    static ApiClient withToken(TestServer server, String token) {
        return new ApiClient(server, token);
    }

    /** A token for the key pair, which must be valid. */
    static ApiClient login(TestServer server, String accessKey, String secretKey) {
        HttpResponse<String> response = anonymous(server).post("/auth/token", tokenRequest(accessKey, secretKey));
        assertEquals(200, response.statusCode(), response.body());
        return withToken(server, (String) json(response).get("token"));
    }

    /**
     * A new credential made in the keystore file (as another node or an operator's tool
     * would), and a client with a token for it once the server has noticed the change.
     */
    static ApiClient scoped(TestServer server, java.util.Set<String> buckets, boolean readOnly, String description) {
        try {
            io.volumegate.auth.Credential credential = server.keyring().create(buckets, readOnly, false, description);
            return awaitLogin(server, credential.accessKeyId(), new String(credential.secret(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token for a key pair made in the keystore file, once the server knows it (within 3 s). */
    static ApiClient awaitLogin(TestServer server, String accessKey, String secret) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            HttpResponse<String> response = anonymous(server).post("/auth/token", tokenRequest(accessKey, secret));
            if (response.statusCode() == 200) return withToken(server, (String) json(response).get("token"));
            if (System.nanoTime() > deadline) throw new AssertionError("the server did not learn of a new credential: " + response.body());
            Thread.sleep(100);
        }
    }

    /** The access key id the token stands for. */
    String accessKeyId() {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return (String) JSON.fromJson(payload, Map.class).get("sub");
    }

    static String tokenRequest(String accessKey, String secretKey) {
        return JSON.toJson(Map.of("access_key_id", accessKey, "secret_access_key", secretKey));
    }

    String token() { return token; }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri("/api/v1" + path)).timeout(Duration.ofSeconds(60));
        if (token != null) builder.header("Authorization", "Bearer " + token);
        return builder;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpResponse<String> head(String path) {
        return send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> upload(String path, MultipartBody body) {
        return send(request(path).header("Content-Type", body.contentType()).POST(body.publisher()).build());
    }

    /** A multipart/form-data PUT (a proxied part upload). */
    HttpResponse<String> putForm(String path, MultipartBody body) {
        return send(request(path).header("Content-Type", body.contentType()).PUT(body.publisher()).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return server.http().send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "Content-Type of " + response.uri() + ": " + response.headers().firstValue("Content-Type"));
        return JSON.fromJson(response.body(), Map.class);
    }

    /** The array {@code field} of a JSON document: its objects, in order (an assertion error when it is not there). */
    @SuppressWarnings("unchecked")
    static java.util.List<Map<String, Object>> entries(Map<String, Object> document, String field) {
        Object value = document.get(field);
        assertTrue(value instanceof java.util.List, field + " is not an array in " + document);
        return (java.util.List<Map<String, Object>>) value;
    }

    /** A JSON number field as a long. */
    static long number(Map<String, Object> document, String field) {
        Object value = document.get(field);
        assertTrue(value instanceof Number, field + " is not a number in " + document);
        return ((Number) value).longValue();
    }

    /**
     * The body of a URL the API handed out (a presigned URL, a share link), sent as a browser or
     * curl would: without a token. It must answer 200.
     */
    static String fetch(TestServer server, String url) {
        HttpResponse<String> response = anonymous(server).send(HttpRequest.newBuilder(java.net.URI.create(url)).GET().build());
        assertEquals(200, response.statusCode(), url + " -> " + response.body());
        return response.body();
    }

    /** Makes these buckets, owned by this client's credential, unless it already owns them (from an earlier test). */
    void ownBuckets(String... names) {
        for (String name : names) {
            HttpResponse<String> response = post("/buckets", JSON.toJson(Map.of("name", name)));
            if (response.statusCode() != 201) assertApiError(response, 409, "BucketAlreadyOwnedByYou");
        }
    }

    /** The raw (still encoded) name=value pairs of a URL's query, as the API wrote them. */
    static java.util.List<String> queryOf(String url) {
        return java.util.List.of(url.substring(url.indexOf('?') + 1).split("&"));
    }

    /** A JSON error {"code", "message"} with this status and code, and nothing else in it. */
    static Map<String, Object> assertApiError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.request().method() + " " + response.uri() + ": " + response.body());
        if (response.request().method().equals("HEAD")) return Map.of();
        Map<String, Object> error = json(response);
        assertEquals(code, error.get("code"), response.body());
        assertTrue(error.get("message") instanceof String message && !message.isBlank(), response.body());
        assertEquals(2, error.size(), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        return error;
    }
}
