package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static io.volumegate.it.ApiClient.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's "Object Versions" section (hcp-objects-api.txt), in its request shapes, and
 * (ours) the versioning switch that makes a bucket versioned:
 * <ul>
 * <li>{@code GET .../versions} with prefix, max_keys, key_marker, version_id_marker: 200
 *     ListObjectVersionsResponse: versions [{Key, VersionId, IsLatest, LastModified, ETag, Size,
 *     StorageClass}] and delete_markers [{Key, VersionId, IsLatest, LastModified}], each the
 *     entry S3's ListObjectVersions shows; is_truncated, key_count, and next_key_marker and
 *     next_version_id_marker naming a truncated page's last entry and chaining the pages
 *     ({@link #theVersioningSwitchListingDownloadAndDeleteOfVersions},
 *     {@link #versionListingsPageWithMarkers});
 * <li>"Version-aware operations": {@code version_id} on download (that version's bytes) and on
 *     delete (a version removed for good; deleting the delete marker restores the object).
 * </ul>
 * max_keys's default (1000) is not observable here without 1001 versions; the bound is
 * ObjectResource.maxKeys', shared with the object listing, whose default ApiBulkIT checks.
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

    private static List<Map<String, Object>> list(Map<String, Object> answer, String field) {
        return ApiClient.entries(answer, field);
    }

    private static String md5Etag(String text) throws Exception {
        return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8))) + '"';
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

        HttpResponse<String> listed = admin.get("/buckets/" + bucket + "/versions?prefix=docs/");
        assertEquals(200, listed.statusCode(), listed.body());
        Map<String, Object> answer = json(listed);
        List<Map<String, Object>> versions = list(answer, "versions");
        List<Map<String, Object>> markers = list(answer, "delete_markers");
        assertEquals(List.of(v2, v1), versions.stream().map(v -> v.get("VersionId")).toList());
        // each entry as S3's ListObjectVersions shows it, in the reference's field names
        ListObjectVersionsResponse s3 = server.s3().listObjectVersions(b -> b.bucket(bucket).prefix("docs/"));
        for (int i = 0; i < versions.size(); i++) {
            Map<String, Object> version = versions.get(i);
            ObjectVersion expected = s3.versions().get(i);
            assertEquals(Set.of("Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "StorageClass"), version.keySet());
            assertEquals("docs/a.txt", version.get("Key"));
            assertEquals(expected.versionId(), version.get("VersionId"));
            assertEquals(false, version.get("IsLatest"), "the delete marker is the latest");
            assertEquals(expected.lastModified(), Instant.parse((String) version.get("LastModified")));
            assertEquals(expected.eTag(), version.get("ETag"));
            assertEquals(3, number(version, "Size"));
            assertEquals("STANDARD", version.get("StorageClass"));
        }
        assertEquals(List.of(md5Etag("two"), md5Etag("one")), versions.stream().map(v -> v.get("ETag")).toList());
        assertEquals(1, markers.size());
        Map<String, Object> deleteMarker = markers.get(0);
        assertEquals(Set.of("Key", "VersionId", "IsLatest", "LastModified"), deleteMarker.keySet());
        assertEquals("docs/a.txt", deleteMarker.get("Key"));
        assertEquals(s3.deleteMarkers().get(0).versionId(), deleteMarker.get("VersionId"));
        assertEquals(true, deleteMarker.get("IsLatest"));
        assertEquals(s3.deleteMarkers().get(0).lastModified(), Instant.parse((String) deleteMarker.get("LastModified")));
        assertEquals(3, number(answer, "key_count"), "two versions and a delete marker");
        assertEquals(false, answer.get("is_truncated"));
        assertNull(answer.get("next_key_marker"));
        assertNull(answer.get("next_version_id_marker"));
        String marker = (String) deleteMarker.get("VersionId");

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
            List<Map<String, Object>> versions = list(answer, "versions");
            versions.forEach(v -> seen.add(v.get("Key") + "@" + v.get("VersionId")));
            assertEquals(versions.size(), number(answer, "key_count"));
            if (!(Boolean) answer.get("is_truncated")) break;
            assertEquals(4, versions.size(), "a truncated page is max_keys long");
            // the markers name the page's last entry, where the next page starts after
            Map<String, Object> last = versions.get(versions.size() - 1);
            assertEquals(last.get("Key"), answer.get("next_key_marker"));
            assertEquals(last.get("VersionId"), answer.get("next_version_id_marker"));
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
        ApiClient reader = ApiClient.scoped(server, Set.of(bucket), true, "api versions reader");
        assertEquals(200, reader.get("/buckets/" + bucket + "/versions").statusCode());
        assertApiError(setVersioning(reader, "\"Enabled\""), 403, "AccessDenied");
    }

    /**
     * Ours: the copy's source_version_id copies that version (the console's restore), and HEAD
     * tells the object's user metadata and stored checksums beyond the reference's four headers.
     */
    @Test
    void aCopyOfAnOlderVersionRestoresItAndHeadTellsMetadataAndChecksums() throws Exception {
        assertEquals(200, setVersioning(admin, "\"Enabled\"").statusCode());
        String first = server.s3().putObject(b -> b.bucket(bucket).key("doc.txt").metadata(Map.of("color", "blue"))
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256), RequestBody.fromString("first")).versionId();
        put("doc.txt", "second");
        String path = "/buckets/" + bucket + "/objects/doc.txt";

        HttpResponse<String> head = admin.send(admin.request(path + "?version_id=" + first).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("blue", head.headers().firstValue("x-amz-meta-color").orElse(null));
        String sha256 = java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest("first".getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha256, head.headers().firstValue("x-amz-checksum-sha256").orElse(null));

        HttpResponse<String> copied = admin.post(path + "/copy", "{\"source_bucket\": \"" + bucket + "\", \"source_key\": \"doc.txt\","
                + " \"source_version_id\": \"" + first + "\"}");
        assertEquals(200, copied.statusCode(), copied.body());
        assertEquals("first", Files.readString(server.volume().resolve(bucket).resolve("doc.txt")));
        assertEquals(3, server.s3().listObjectVersions(b -> b.bucket(bucket)).versions().size(), "the restore is a new version");

        assertApiError(admin.post(path + "/copy", "{\"source_bucket\": \"" + bucket + "\", \"source_key\": \"doc.txt\","
                + " \"source_version_id\": \"../x\"}"), 400, "InvalidArgument");
        assertApiError(admin.post(path + "/copy", "{\"source_bucket\": \"" + bucket + "\", \"source_key\": \"doc.txt\","
                + " \"source_version_id\": \"" + "A".repeat(32) + "\"}"), 404, "NoSuchVersion");
    }
}
