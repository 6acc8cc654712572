package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Buckets through the management API: list (in scope only), create, details, delete. */
class ApiBucketsIT extends ServerTestBase {
    private static final String A = "apibucketsit-a";
    private static final String B = "apibucketsit-b";

    @Test
    void createListDetailsDelete() {
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        HttpResponse<String> created = admin.post("/buckets", "{\"name\": \"" + A + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/api/v1/buckets/" + A, created.headers().firstValue("Location").orElse(null));
        Map<String, Object> info = json(created);
        assertEquals(A, info.get("name"));
        assertEquals("us-east-1", info.get("region"));
        assertEquals(true, info.get("writable"));
        assertTrue(((String) info.get("creation_date")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue(Files.isDirectory(server.volume().resolve(A)));

        assertTrue(names(admin.get("/buckets")).contains(A));
        assertEquals(A, json(admin.get("/buckets/" + A)).get("name"));

        assertApiError(admin.post("/buckets", "{\"name\": \"" + A + "\"}"), 409, "BucketAlreadyOwnedByYou");
        assertApiError(admin.post("/buckets", "{\"name\": \"Not_Valid\"}"), 400, "InvalidBucketName");
        assertApiError(admin.post("/buckets", "{\"name\": \"api\"}"), 400, "InvalidBucketName");
        assertApiError(admin.post("/buckets", "{}"), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets", "{\"name\": "), 400, "MalformedJson");

        server.s3().putObject(p -> p.bucket(A).key("keep.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        assertApiError(admin.delete("/buckets/" + A), 409, "BucketNotEmpty");
        server.s3().deleteObject(d -> d.bucket(A).key("keep.txt"));
        HttpResponse<String> deleted = admin.delete("/buckets/" + A);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertFalse(Files.exists(server.volume().resolve(A)));
        assertApiError(admin.get("/buckets/" + A), 404, "NoSuchBucket");
        assertApiError(admin.delete("/buckets/" + A), 404, "NoSuchBucket");
        assertFalse(names(admin.get("/buckets")).contains(A));
    }

    @Test
    void scopedCredentialsSeeAndChangeOnlyTheirBuckets() {
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        for (String bucket : List.of(A + "-s", B + "-s")) {
            int status = admin.post("/buckets", "{\"name\": \"" + bucket + "\"}").statusCode();
            assertTrue(status == 201 || status == 409);
        }
        ApiClient scoped = ApiClient.scoped(server, Set.of(A + "-s", A + "-new"), false, "apibucketsit: scoped");
        assertEquals(List.of(A + "-s"), names(scoped.get("/buckets")));
        assertEquals(200, scoped.get("/buckets/" + A + "-s").statusCode());
        assertApiError(scoped.get("/buckets/" + B + "-s"), 403, "AccessDenied");
        assertApiError(scoped.delete("/buckets/" + B + "-s"), 403, "AccessDenied");
        assertApiError(scoped.post("/buckets", "{\"name\": \"" + B + "-other\"}"), 403, "AccessDenied");
        assertEquals(201, scoped.post("/buckets", "{\"name\": \"" + A + "-new\"}").statusCode());
        assertEquals(204, scoped.delete("/buckets/" + A + "-new").statusCode());

        ApiClient readOnly = ApiClient.scoped(server, Set.of(), true, "apibucketsit: read-only");
        List<String> visible = names(readOnly.get("/buckets"));
        assertTrue(visible.containsAll(List.of(A + "-s", B + "-s")), visible.toString());
        assertEquals(false, json(readOnly.get("/buckets/" + A + "-s")).get("writable"));
        assertApiError(readOnly.delete("/buckets/" + A + "-s"), 403, "AccessDenied");
        assertApiError(readOnly.post("/buckets", "{\"name\": \"" + A + "-ro\"}"), 403, "AccessDenied");
        assertFalse(Files.exists(server.volume().resolve(A + "-ro")));

        assertApiError(ApiClient.anonymous(server).get("/buckets"), 401, "Unauthorized");
        assertApiError(ApiClient.anonymous(server).get("/buckets/" + A + "-s"), 401, "Unauthorized");
    }

    @SuppressWarnings("unchecked")
    private static List<String> names(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> buckets = (List<Map<String, Object>>) json(response).get("buckets");
        return buckets.stream().map(b -> (String) b.get("name")).toList();
    }
}
