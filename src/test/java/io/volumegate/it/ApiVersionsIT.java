package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.sync.RequestBody;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Versions through the management API, as hcp-objects-api.txt ("Object Versions") has them:
 * the version listing, version_id on download and delete, and (ours) the versioning switch.
 */
class ApiVersionsIT extends ServerTestBase {
    private ApiClient admin;
    /** Each test's own bucket: the versioning state is the bucket's. */
    private String bucket;

    @BeforeEach
    void bucket(TestInfo test) {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        bucket = "apiversionsit-" + test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT).substring(0, 12);
        assertEquals(201, admin.post("/buckets", "{\"name\": \"" + bucket + "\"}").statusCode());
    }

    private HttpResponse<String> setVersioning(ApiClient client, String status) {
        return client.send(client.request("/buckets/" + bucket + "/versioning").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\": " + status + "}")).build());
    }

    private String put(String key, String text) {
        return server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text)).versionId();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return (List<Map<String, Object>>) answer.get(field);
    }

    @Test
    void theVersioningSwitchListingDownloadAndDeleteOfVersions() throws Exception {
        assertNull(json(admin.get("/buckets/" + bucket + "/versioning")).get("status"));
        assertApiError(setVersioning(admin, "\"On\""), 400, "InvalidArgument");
        HttpResponse<String> enabled = setVersioning(admin, "\"Enabled\"");
        assertEquals(200, enabled.statusCode(), enabled.body());
        assertEquals("Enabled", json(enabled).get("status"));

        String v1 = put("docs/a.txt", "one");
        String v2 = put("docs/a.txt", "two");
        server.s3().deleteObject(b -> b.bucket(bucket).key("docs/a.txt"));

        Map<String, Object> answer = json(admin.get("/buckets/" + bucket + "/versions?prefix=docs/"));
        List<Map<String, Object>> versions = list(answer, "versions");
        List<Map<String, Object>> markers = list(answer, "delete_markers");
        assertEquals(List.of(v2, v1), versions.stream().map(v -> v.get("VersionId")).toList());
        assertEquals(java.util.Set.of("Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "StorageClass"),
                versions.get(0).keySet(), "the reference's field names");
        assertEquals(3, ((Number) answer.get("key_count")).intValue());
        assertEquals(false, answer.get("is_truncated"));
        assertEquals(1, markers.size());
        assertEquals(true, markers.get(0).get("IsLatest"));
        String marker = (String) markers.get(0).get("VersionId");

        HttpResponse<String> first = admin.get("/buckets/" + bucket + "/objects/docs/a.txt?version_id=" + v1);
        assertEquals(200, first.statusCode());
        assertEquals("one", first.body());
        assertApiError(admin.get("/buckets/" + bucket + "/objects/docs/a.txt"), 404, "NoSuchKey");
        assertApiError(admin.get("/buckets/" + bucket + "/objects/docs/a.txt?version_id=" + marker), 405, "MethodNotAllowed");
        assertApiError(admin.get("/buckets/" + bucket + "/objects/docs/a.txt?version_id=bad"), 400, "InvalidArgument");

        Map<String, Object> restored = json(admin.delete("/buckets/" + bucket + "/objects/docs/a.txt?version_id=" + marker));
        assertEquals("deleted", restored.get("status"));
        assertEquals(marker, restored.get("version_id"));
        assertEquals(true, restored.get("delete_marker"));
        assertEquals("two", admin.get("/buckets/" + bucket + "/objects/docs/a.txt").body(), "deleting the marker restores the object");

        Map<String, Object> removed = json(admin.delete("/buckets/" + bucket + "/objects/docs/a.txt?version_id=" + v1));
        assertEquals(false, removed.get("delete_marker"));
        assertEquals(List.of(v2), list(json(admin.get("/buckets/" + bucket + "/versions?prefix=docs/")), "versions").stream()
                .map(v -> v.get("VersionId")).toList(), "a version deleted by id is gone for good");

        Map<String, Object> marked = json(admin.delete("/buckets/" + bucket + "/objects/docs/a.txt"));
        assertEquals(true, marked.get("delete_marker"), "a plain delete in a versioned bucket adds a marker");
        assertFalse(Files.exists(server.volume().resolve(bucket).resolve("docs/a.txt")));

        assertEquals("Suspended", json(setVersioning(admin, "\"Suspended\"")).get("status"));
        assertApiError(setVersioning(admin, "null"), 400, "InvalidArgument");
    }

    @Test
    void versionListingsPageWithMarkers() {
        setVersioning(admin, "\"Enabled\"");
        for (int i = 0; i < 3; i++) {
            put("pages/k" + i, "a");
            put("pages/k" + i, "b");
        }
        List<String> seen = new ArrayList<>();
        String keyMarker = "";
        String versionMarker = "";
        for (int page = 0; page < 10; page++) {
            Map<String, Object> answer = json(admin.get("/buckets/" + bucket + "/versions?prefix=pages/&max_keys=4"
                    + (keyMarker.isEmpty() ? "" : "&key_marker=" + keyMarker + "&version_id_marker=" + versionMarker)));
            list(answer, "versions").forEach(v -> seen.add(v.get("Key") + "@" + v.get("VersionId")));
            if (!(Boolean) answer.get("is_truncated")) break;
            keyMarker = (String) answer.get("next_key_marker");
            versionMarker = (String) answer.get("next_version_id_marker");
        }
        assertEquals(6, seen.size(), seen.toString());
        assertEquals(6, seen.stream().distinct().count());
        assertTrue(seen.get(0).startsWith("pages/k0@") && seen.get(5).startsWith("pages/k2@"));
        assertApiError(admin.get("/buckets/" + bucket + "/versions?version_id_marker=x"), 400, "InvalidArgument");
    }

    @Test
    void aReadOnlyCredentialListsVersionsButCannotSwitchVersioning() {
        ApiClient reader = ApiClient.scoped(server, java.util.Set.of(bucket), true, "api versions reader");
        assertEquals(200, reader.get("/buckets/" + bucket + "/versions").statusCode());
        assertApiError(setVersioning(reader, "\"Enabled\""), 403, "AccessDenied");
    }
}
