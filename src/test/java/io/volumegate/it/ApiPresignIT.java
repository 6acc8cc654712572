package io.volumegate.it;

import io.volumegate.auth.Credential;
import io.volumegate.objects.VolumeOwner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static io.volumegate.it.ApiClient.number;
import static io.volumegate.it.ApiClient.queryOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's "S3 Credentials &amp; Presigned URLs" section (hcp-objects-api.txt), the two
 * endpoints at the API root, in its request shapes:
 * <ul>
 * <li>{@code POST /presign} {bucket, key, expires_in, method get_object|put_object}: 200
 *     PresignedUrlResponse{url, bucket, key, expires_in, method}, exactly those fields; the URL is
 *     signed with the caller's credential for expires_in seconds (3600 when not given) and GETs
 *     or PUTs the object with no other credential
 *     ({@link #aPresignedPutThenGetAsTheReferenceWritesThem}); method is required, as the field
 *     table has it ({@link #methodIsRequiredAndEveryFieldIsChecked}); the caller must be allowed
 *     what it presigns ({@link #aUrlCarriesTheCallersCredentialAndNoMoreThanItsScope});
 * <li>{@code GET /credentials}: 200 S3CredentialsResponse{access_key_id, secret_access_key,
 *     username, tenant, endpoint_url} of the caller's own key pair, which configure an S3 client
 *     that works ({@link #theCredentialsAnswerConfiguresAnS3Client}).
 * </ul>
 * Our credential management (admin: create, list, delete) is ApiCredentialsIT's; presigned URLs
 * for many keys ({@code .../objects/presign}) are the bulk section's, ApiBulkIT.
 */
class ApiPresignIT extends ServerTestBase {
    private static final String BUCKET = "apipresignit";
    private static final String OTHER = "apipresignit-other";
    private static final Set<String> PRESIGNED_URL_RESPONSE = Set.of("url", "bucket", "key", "expires_in", "method");

    private ApiClient admin;

    @BeforeEach
    void buckets() {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        admin.ownBuckets(BUCKET, OTHER);
    }

    @Test
    void aPresignedPutThenGetAsTheReferenceWritesThem() throws Exception {
        HttpResponse<String> response = admin.post("/presign", request(BUCKET, "docs/report 1.txt", "put_object", 60L));
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> put = json(response);
        assertEquals(PRESIGNED_URL_RESPONSE, put.keySet(), "the reference's PresignedUrlResponse");
        assertEquals(BUCKET, put.get("bucket"));
        assertEquals("docs/report 1.txt", put.get("key"));
        assertEquals(60, number(put, "expires_in"));
        assertEquals("put_object", put.get("method"));
        String putUrl = (String) put.get("url");
        assertTrue(putUrl.startsWith(server.endpoint() + BUCKET + "/docs/report%201.txt?"), putUrl);
        assertTrue(queryOf(putUrl).contains("X-Amz-Expires=60"), putUrl);
        assertTrue(queryOf(putUrl).stream().anyMatch(p -> p.startsWith("X-Amz-Credential=" + server.adminAccessKey() + "%2F")), putUrl);
        HttpResponse<String> uploaded = send(putUrl, "PUT", "put via URL");
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        assertEquals("put via URL", Files.readString(server.volume().resolve(BUCKET).resolve("docs/report 1.txt")));

        Map<String, Object> get = json(admin.post("/presign", request(BUCKET, "docs/report 1.txt", "get_object", null)));
        assertEquals(PRESIGNED_URL_RESPONSE, get.keySet());
        assertEquals("get_object", get.get("method"));
        assertEquals(3600, number(get, "expires_in"), "an hour when expires_in is not given");
        String getUrl = (String) get.get("url");
        assertTrue(queryOf(getUrl).contains("X-Amz-Expires=3600"), getUrl);
        assertEquals("put via URL", ApiClient.fetch(server, getUrl));
        // signed for its method: a GET URL does not write
        assertEquals(403, send(getUrl, "PUT", "overwritten").statusCode());
        assertEquals("put via URL", Files.readString(server.volume().resolve(BUCKET).resolve("docs/report 1.txt")));
    }

    @Test
    void methodIsRequiredAndEveryFieldIsChecked() {
        Map<String, Object> noMethod = assertApiError(admin.post("/presign", request(BUCKET, "x", null, null)), 400, "InvalidArgument");
        assertTrue(((String) noMethod.get("message")).contains("method"), noMethod.toString());
        assertApiError(admin.post("/presign", request(BUCKET, "x", "delete_object", null)), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", request(BUCKET, "x", "get_object", 0L)), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", request(BUCKET, "x", "get_object", 604_801L)), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", request(BUCKET, "../x", "get_object", null)), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", request(BUCKET, null, "get_object", null)), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", request(null, "x", "get_object", null)), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", "{\"bucket\": "), 400, "MalformedJson");
        assertApiError(ApiClient.anonymous(server).post("/presign", request(BUCKET, "x", "get_object", null)), 401, "Unauthorized");
    }

    /**
     * Ours: response_content_type and response_content_disposition on get_object become the
     * URL's response-content-type and response-content-disposition, so a UTF-8 text file stored
     * as plain text/plain opens with its charset; bad values are 400 InvalidArgument, never a 5xx.
     */
    @Test
    void aGetUrlMayAskForTheResponsesContentTypeAndDisposition() {
        String text = "Grüße, 日本語";
        server.s3().putObject(p -> p.bucket(BUCKET).key("text/grüße.txt").contentType("text/plain"),
                RequestBody.fromBytes(text.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bucket", BUCKET);
        body.put("key", "text/grüße.txt");
        body.put("method", "get_object");
        body.put("response_content_type", "text/plain; charset=utf-8");
        body.put("response_content_disposition", "inline; filename=\"gruesse.txt\"; filename*=UTF-8''gr%C3%BC%C3%9Fe.txt");
        HttpResponse<String> response = admin.post("/presign", ApiClient.JSON.toJson(body));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(PRESIGNED_URL_RESPONSE, json(response).keySet(), "still the reference's PresignedUrlResponse");
        String url = (String) json(response).get("url");
        HttpResponse<byte[]> got = ApiClient.anonymous(server).send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertEquals("text/plain; charset=utf-8", got.headers().firstValue("Content-Type").orElse(null));
        assertEquals("inline; filename=\"gruesse.txt\"; filename*=UTF-8''gr%C3%BC%C3%9Fe.txt",
                got.headers().firstValue("Content-Disposition").orElse(null));
        assertEquals(text, new String(got.body(), StandardCharsets.UTF_8));

        body.remove("response_content_disposition");
        String typeOnly = (String) json(admin.post("/presign", ApiClient.JSON.toJson(body))).get("url");
        assertEquals("text/plain; charset=utf-8", ApiClient.anonymous(server).send(HttpRequest.newBuilder(URI.create(typeOnly)).build(), HttpResponse.BodyHandlers.ofByteArray())
                .headers().firstValue("Content-Type").orElse(null));

        for (String bad : new String[] {"text/plain\r\nX-Evil: 1", "plain", "", "text/plain; charset=ü", "text/plain; charset",
                "x".repeat(1100) + "/plain"}) {
            body.put("response_content_type", bad);
            assertApiError(admin.post("/presign", ApiClient.JSON.toJson(body)), 400, "InvalidArgument");
        }
        body.put("response_content_type", "text/plain");
        for (String bad : new String[] {"evil", "inline\nX: 1", "attachment; filename=a;b\u0000", "inline; filename"}) {
            body.put("response_content_disposition", bad);
            assertApiError(admin.post("/presign", ApiClient.JSON.toJson(body)), 400, "InvalidArgument");
        }
        body.remove("response_content_disposition");
        body.put("method", "put_object");
        Map<String, Object> put = assertApiError(admin.post("/presign", ApiClient.JSON.toJson(body)), 400, "InvalidArgument");
        assertTrue(((String) put.get("message")).contains("get_object"), put.toString());
        body.put("method", "get_object");
        body.put("response_content_type", 42);
        assertEquals(400, admin.post("/presign", ApiClient.JSON.toJson(body)).statusCode(), "a number where a string goes");
    }

    @Test
    void aUrlCarriesTheCallersCredentialAndNoMoreThanItsScope() {
        server.s3().putObject(p -> p.bucket(BUCKET).key("scope/read.txt"), RequestBody.fromString("readable"));
        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "apipresignit: read-only");
        HttpResponse<String> mine = readOnly.post("/presign", request(BUCKET, "scope/read.txt", "get_object", null));
        assertEquals(200, mine.statusCode(), mine.body());
        String url = (String) json(mine).get("url");
        assertTrue(queryOf(url).stream().anyMatch(p -> p.startsWith("X-Amz-Credential=" + readOnly.accessKeyId() + "%2F")), url);
        assertEquals("readable", ApiClient.fetch(server, url));
        assertApiError(readOnly.post("/presign", request(BUCKET, "scope/new.txt", "put_object", null)), 403, "AccessDenied");
        assertApiError(readOnly.post("/presign", request(OTHER, "x", "get_object", null)), 403, "AccessDenied");
    }

    @Test
    void theCredentialsAnswerConfiguresAnS3Client() throws Exception {
        Credential credential = server.keyring().create(Set.of(BUCKET), false, false, "apipresignit: credentials");
        String id = credential.accessKeyId();
        String secret = new String(credential.secret(), StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = ApiClient.awaitLogin(server, id, secret).get("/credentials");
            assertEquals(200, response.statusCode(), response.body());
            Map<String, Object> answer = json(response);
            assertTrue(answer.keySet().containsAll(Set.of("access_key_id", "secret_access_key", "username", "tenant", "endpoint_url")),
                    "the reference's S3CredentialsResponse: " + answer.keySet());
            assertEquals(id, answer.get("access_key_id"));
            assertEquals(secret, answer.get("secret_access_key"), "the caller's own secret (show-secret is on by default)");
            assertEquals(id, answer.get("username"), "a credential is its own user");
            assertEquals(VolumeOwner.ID, answer.get("tenant"), "the volume's one owner");
            assertEquals(server.endpoint().toString(), answer.get("endpoint_url") + "/");

            // what a script does with it: configure an S3 client
            try (S3Client s3 = server.s3(URI.create((String) answer.get("endpoint_url")), (String) answer.get("access_key_id"),
                    (String) answer.get("secret_access_key"))) {
                s3.putObject(p -> p.bucket(BUCKET).key("credentials/by-sdk.txt"), RequestBody.fromString("configured from /credentials"));
                assertEquals("configured from /credentials",
                        s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("credentials/by-sdk.txt")).asUtf8String());
            }
        } finally {
            server.keyring().delete(id);
        }
    }

    /** A POST /presign body with the fields that are not null. */
    private static String request(String bucket, String key, String method, Long expiresIn) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (bucket != null) body.put("bucket", bucket);
        if (key != null) body.put("key", key);
        if (method != null) body.put("method", method);
        if (expiresIn != null) body.put("expires_in", expiresIn);
        return ApiClient.JSON.toJson(body);
    }

    /** A request to a presigned URL as curl or a browser sends it: no token, no signature of its own. */
    private HttpResponse<String> send(String url, String method, String body) {
        return ApiClient.anonymous(server).send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
