package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static io.volumegate.it.S3Assertions.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our S3 credential management (admin only, beyond the reference): create (the secret in that
 * answer only), list without secrets, delete, rotate; and that {@code GET /credentials} answers
 * the caller's own key pair, never another's. The reference's {@code GET /credentials} fields
 * (S3CredentialsResponse) are checked with its section, in ApiPresignIT.
 */
class ApiCredentialsIT extends ServerTestBase {
    private static final String BUCKET = "apicredentialsit";

    @Test
    void createUseListAndDeleteACredential() {
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        int status = admin.post("/buckets", "{\"name\": \"" + BUCKET + "\"}").statusCode();
        assertTrue(status == 201 || status == 409);
        server.s3().putObject(p -> p.bucket(BUCKET).key("readme.txt"), RequestBody.fromString("hello"));

        HttpResponse<String> response = admin.post("/credentials",
                "{\"buckets\": [\"" + BUCKET + "\"], \"read_only\": true, \"description\": \"reports job\"}");
        assertEquals(201, response.statusCode(), response.body());
        Map<String, Object> created = json(response);
        String id = (String) created.get("access_key_id");
        String secret = (String) created.get("secret_access_key");
        assertTrue(id.startsWith("VG") && secret.length() >= 40, response.body());
        assertEquals(List.of(BUCKET), created.get("buckets"));
        assertEquals(true, created.get("read_only"));
        assertEquals(false, created.get("admin"));
        assertEquals("reports job", created.get("description"));
        assertEquals("us-east-1", created.get("region"));
        assertEquals("/api/v1/credentials/keys/" + id, response.headers().firstValue("Location").orElse(null));

        // usable at once, over S3 and for the API, with its scope
        try (S3Client s3 = server.s3(id, secret)) {
            assertEquals("hello", s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("readme.txt")).asUtf8String());
            assertS3Error(403, "AccessDenied", () -> s3.putObject(p -> p.bucket(BUCKET).key("x"), RequestBody.fromString("x")));
        }
        ApiClient client = ApiClient.login(server, id, secret);
        Map<String, Object> caller = json(client.get("/credentials"));
        assertEquals(id, caller.get("access_key_id"));
        // Its own secret, as the reference answers (volumegate.api.credentials.show-secret, on by default); never the admin's.
        assertEquals(secret, caller.get("secret_access_key"));
        assertFalse(client.get("/credentials").body().contains(server.adminSecretKey()));
        assertApiError(client.get("/credentials/keys"), 403, "AccessDenied");
        assertApiError(client.post("/credentials", "{}"), 403, "AccessDenied");
        assertApiError(client.delete("/credentials/keys/" + server.adminAccessKey()), 403, "AccessDenied");

        // listed without any secret
        HttpResponse<String> listing = admin.get("/credentials/keys");
        assertEquals(200, listing.statusCode());
        assertFalse(listing.body().contains(secret));
        assertFalse(listing.body().contains(server.adminSecretKey()));
        assertFalse(listing.body().contains("secret"));
        Map<String, Object> entry = entry(listing, id);
        assertEquals(List.of(BUCKET), entry.get("buckets"));
        assertEquals("reports job", entry.get("description"));
        assertNull(entry(listing, server.adminAccessKey()).get("buckets"));

        // deleted: its token stops working at once, and so does its S3 key
        assertEquals(204, admin.delete("/credentials/keys/" + id).statusCode());
        assertApiError(client.get("/credentials"), 401, "Unauthorized");
        try (S3Client s3 = server.s3(id, secret)) {
            assertS3Error(403, "InvalidAccessKeyId", () -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("readme.txt")));
        }
        assertApiError(admin.delete("/credentials/keys/" + id), 404, "NoSuchCredential");
        assertApiError(admin.delete("/credentials/keys/" + id.toLowerCase()), 404, "NoSuchCredential");
        assertTrue(entryOrNull(admin.get("/credentials/keys"), id) == null);
    }

    @Test
    void rotationIsCreateThenDelete() {
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        Map<String, Object> old = json(admin.post("/credentials", "{\"description\": \"rotate me\"}"));
        assertNull(old.get("buckets"));
        Map<String, Object> fresh = json(admin.post("/credentials", "{\"description\": \"rotated\"}"));
        assertEquals(204, admin.delete("/credentials/keys/" + old.get("access_key_id")).statusCode());
        ApiClient client = ApiClient.login(server, (String) fresh.get("access_key_id"), (String) fresh.get("secret_access_key"));
        assertEquals(200, client.get("/buckets").statusCode());
        assertApiError(ApiClient.anonymous(server).post("/auth/token",
                ApiClient.tokenRequest((String) old.get("access_key_id"), (String) old.get("secret_access_key"))), 401, "Unauthorized");
        assertEquals(204, admin.delete("/credentials/keys/" + fresh.get("access_key_id")).statusCode());
    }

    @Test
    void badRequestsAreRefused() {
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        assertApiError(admin.post("/credentials", "{\"buckets\": [\"Bad_Name\"]}"), 400, "InvalidArgument");
        assertApiError(admin.post("/credentials", "{\"buckets\": \"all\"}"), 400, "MalformedJson");
        assertApiError(admin.post("/credentials", "{\"read_only\": \"maybe\"}"), 400, "MalformedJson");
        assertApiError(admin.post("/credentials", "{\"description\": \"" + "d".repeat(300) + "\"}"), 400, "InvalidArgument");
        assertApiError(admin.post("/credentials", "{"), 400, "MalformedJson");
        assertApiError(admin.delete("/credentials/keys/VGNOSUCHKEY"), 404, "NoSuchCredential");
        assertApiError(ApiClient.anonymous(server).get("/credentials/keys"), 401, "Unauthorized");
        ApiClient scoped = ApiClient.scoped(server, Set.of(BUCKET), false, "apicredentialsit: not admin");
        assertApiError(scoped.post("/credentials", "{\"admin\": true}"), 403, "AccessDenied");
    }

    private static Map<String, Object> entry(HttpResponse<String> listing, String id) {
        Map<String, Object> entry = entryOrNull(listing, id);
        assertTrue(entry != null, id + " not in " + listing.body());
        return entry;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> entryOrNull(HttpResponse<String> listing, String id) {
        for (Map<String, Object> entry : (List<Map<String, Object>>) json(listing).get("credentials")) {
            if (id.equals(entry.get("access_key_id"))) return entry;
        }
        return null;
    }
}
