package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.entries;
import static io.volumegate.it.ApiClient.json;
import static io.volumegate.it.ApiClient.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reference's "Bulk Endpoints" (hcp-objects-api.txt), in its request shapes:
 * <ul>
 * <li>{@code GET .../objects} with prefix, delimiter, max_keys, continuation_token: 200
 *     ListObjectsResponse{objects [{key, size, last_modified, etag, storage_class, owner}],
 *     common_prefixes, is_truncated, next_continuation_token, key_count}, each entry what S3's
 *     ListObjectsV2 shows, max_keys 1000 by default ({@link #listingPagesWithPrefixDelimiterAndTokens});
 * <li>{@code POST .../objects/delete} {keys}: 200 DeleteObjectsResponse{status, deleted, errors},
 *     exactly ({@link #bulkDeleteReportsEachKey});
 * <li>{@code POST .../objects/download} {keys}: 200, a streamed application/zip of those keys
 *     ({@link #zipOfFilesLargerThanTheServerHeapStreams});
 * <li>{@code POST .../objects/presign} {keys, expires_in}: 200 BulkPresignResponse{urls [{key,
 *     url}], expires_in} (ours: method "GET"), expires_in 3600 by default, each URL fetched
 *     without credentials ({@link #bulkPresignedUrlsAreOnePerKeyAndWorkWithoutAnyOtherCredential}).
 * </ul>
 * {@code POST /presign} (one URL) is the reference's credentials section: ApiPresignIT.
 */
class ApiBulkIT extends ServerTestBase {
    private static final String BUCKET = "apibulkit";
    private static final String OTHER = "apibulkit-other";
    private static final long BIG = 200L * 1024 * 1024;
    private static boolean prepared;

    private ApiClient admin;

    @BeforeEach
    void buckets() {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        synchronized (ApiBulkIT.class) {
            if (prepared) return;
            for (String bucket : List.of(BUCKET, OTHER)) assertEquals(201, admin.post("/buckets", "{\"name\": \"" + bucket + "\"}").statusCode());
            prepared = true;
        }
    }

    /**
     * The reference's "List objects" in its query names (prefix, delimiter, max_keys,
     * continuation_token): every entry is what S3's ListObjectsV2 (with fetch-owner) shows for
     * the same object, and pages chain through next_continuation_token.
     */
    @Test
    void listingPagesWithPrefixDelimiterAndTokens() {
        for (String key : List.of("list/a.txt", "list/b/1.txt", "list/b/2.txt", "list/c.txt", "list/d/3.txt")) put(BUCKET, key, key);
        HttpResponse<String> response = admin.get("/buckets/" + BUCKET + "/objects?prefix=list/");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> all = json(response);
        List<Map<String, Object>> objects = entries(all, "objects");
        assertEquals(List.of("list/a.txt", "list/b/1.txt", "list/b/2.txt", "list/c.txt", "list/d/3.txt"), keys(all));
        assertEquals(5, number(all, "key_count"));
        assertEquals(false, all.get("is_truncated"));
        assertTrue(all.containsKey("next_continuation_token") && all.get("next_continuation_token") == null, all.toString());
        assertEquals(List.of(), all.get("common_prefixes"));
        assertEquals(1000, number(all, "max_keys"), "max_keys is 1000 by default");
        List<S3Object> s3 = server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("list/").fetchOwner(true)).contents();
        for (int i = 0; i < objects.size(); i++) {
            Map<String, Object> entry = objects.get(i);
            S3Object expected = s3.get(i);
            assertEquals(Set.of("key", "size", "last_modified", "etag", "storage_class", "owner"), entry.keySet());
            assertEquals(expected.size(), number(entry, "size"), entry.toString());
            assertEquals(expected.eTag(), entry.get("etag"));
            assertEquals(expected.lastModified(), Instant.parse((String) entry.get("last_modified")));
            assertEquals("STANDARD", entry.get("storage_class"));
            assertEquals(expected.owner().displayName(), entry.get("owner"));
        }
        assertEquals(10, number(objects.get(0), "size"));

        Map<String, Object> page1 = json(admin.get("/buckets/" + BUCKET + "/objects?prefix=list%2F&delimiter=%2F&max_keys=2"));
        assertEquals(List.of("list/a.txt"), keys(page1));
        assertEquals(List.of("list/b/"), page1.get("common_prefixes"));
        assertEquals(true, page1.get("is_truncated"));
        assertEquals(2, number(page1, "key_count"), "keys and common prefixes");
        String token = (String) page1.get("next_continuation_token");
        Map<String, Object> page2 = json(admin.get("/buckets/" + BUCKET + "/objects?prefix=list/&delimiter=/&max_keys=2&continuation_token=" + token));
        assertEquals(List.of("list/c.txt"), keys(page2));
        assertEquals(List.of("list/d/"), page2.get("common_prefixes"));
        assertEquals(false, page2.get("is_truncated"));
        assertEquals(2, number(page2, "key_count"));

        assertApiError(admin.get("/buckets/" + BUCKET + "/objects?max_keys=abc"), 400, "InvalidArgument");
        assertApiError(admin.get("/buckets/" + BUCKET + "/objects?max_keys=1001"), 400, "InvalidArgument");
        assertApiError(admin.get("/buckets/" + BUCKET + "/objects?continuation_token=%21%21"), 400, "InvalidArgument");
        assertApiError(admin.get("/buckets/apibulkit-none/objects"), 404, "NoSuchBucket");
    }

    private static List<String> keys(Map<String, Object> listing) {
        return entries(listing, "objects").stream().map(o -> (String) o.get("key")).toList();
    }

    @Test
    void bulkDeleteReportsEachKey() {
        for (String key : List.of("del/a.txt", "del/b/c.txt", "del/keep.txt")) put(BUCKET, key, key);
        HttpResponse<String> response = admin.post("/buckets/" + BUCKET + "/objects/delete",
                "{\"keys\": [\"del/a.txt\", \"del/b/c.txt\", \"del/missing\", \"../escape\", \"del/a.txt\"]}");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> result = json(response);
        assertEquals("partial", result.get("status"), "one key could not be deleted");
        assertEquals(List.of("del/a.txt", "del/b/c.txt", "del/missing"), result.get("deleted"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) result.get("errors");
        assertEquals(1, errors.size());
        assertEquals("../escape", errors.get(0).get("key"));
        assertEquals("InvalidArgument", errors.get(0).get("code"));
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve("del/a.txt")));
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve("del/b")));
        assertTrue(Files.exists(server.volume().resolve(BUCKET).resolve("del/keep.txt")));
        put(BUCKET, "del/clean.txt", "clean");
        Map<String, Object> clean = json(admin.post("/buckets/" + BUCKET + "/objects/delete", "{\"keys\": [\"del/clean.txt\"]}"));
        assertEquals(Map.of("status", "deleted", "deleted", List.of("del/clean.txt"), "errors", List.of()), clean,
                "the reference's DeleteObjectsResponse{status, deleted, errors}");

        String path = "/buckets/" + BUCKET + "/objects/delete";
        assertApiError(admin.post(path, "{\"keys\": []}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"keys\": \"del/keep.txt\"}"), 400, "MalformedJson");
        assertApiError(admin.post(path, "{\"keys\": [\"del/keep.txt\""), 400, "MalformedJson");
        StringBuilder many = new StringBuilder("{\"keys\": [");
        for (int i = 0; i < 1001; i++) many.append(i == 0 ? "" : ",").append("\"k").append(i).append('"');
        assertApiError(admin.post(path, many.append("]}").toString()), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets/apibulkit-none/objects/delete", "{\"keys\": [\"a\"]}"), 404, "NoSuchBucket");

        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "apibulkit: read-only");
        assertApiError(readOnly.post(path, "{\"keys\": [\"del/keep.txt\"]}"), 403, "AccessDenied");
        assertApiError(ApiClient.anonymous(server).post(path, "{\"keys\": [\"del/keep.txt\"]}"), 401, "Unauthorized");
        assertTrue(Files.exists(server.volume().resolve(BUCKET).resolve("del/keep.txt")));
    }

    /**
     * A key below a file makes the filesystem fail with an I/O error (ENOTDIR) rather than "no
     * such file". Like S3's DeleteObjects, that key is an InternalError entry (logged, no
     * details in the answer), and the keys before and after it are deleted all the same.
     */
    @Test
    void anIoErrorOnOneKeyIsThatKeysErrorAndTheOthersAreDeleted() throws Exception {
        for (String key : List.of("io/a.txt", "io/z.txt")) put(BUCKET, key, key);
        // A symlink that points at itself: resolving it fails with ELOOP, an I/O error no rule expects.
        Path loop = server.volume().resolve(BUCKET).resolve("io/loop");
        Files.createSymbolicLink(loop, loop.getFileName());
        HttpResponse<String> response;
        try (ServerLog log = ServerLog.capture()) {
            response = admin.post("/buckets/" + BUCKET + "/objects/delete", "{\"keys\": [\"io/a.txt\", \"io/loop\", \"io/z.txt\"]}");
            String requestId = response.headers().firstValue("x-amz-request-id").orElseThrow();
            assertTrue(log.awaitAll(List.of("request " + requestId + " failed"), Duration.ofSeconds(5)), "the failure is logged");
        }
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> result = json(response);
        assertEquals(List.of("io/a.txt", "io/z.txt"), result.get("deleted"));
        assertEquals(List.of(Map.of("key", "io/loop", "code", "InternalError",
                "message", "We encountered an internal error. Please try again.")), result.get("errors"));
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve("io/a.txt")));
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve("io/z.txt")));
        assertTrue(Files.isSymbolicLink(loop), "the key that failed is untouched");
    }

    /**
     * Two 200 MiB files, uploaded through the API's multipart endpoint and downloaded as one
     * ZIP: 400 MiB through a server with a 256 MiB heap both ways, so neither the upload nor
     * the archive can be held in memory. The client checks every entry byte for byte.
     */
    @Test
    void zipOfFilesLargerThanTheServerHeapStreams() throws Exception {
        List<String> keys = List.of("zip/big-1.bin", "zip/sub/big-2.bin");
        for (int i = 0; i < keys.size(); i++) {
            long seed = i + 1;
            HttpResponse<String> uploaded = admin.upload("/buckets/" + BUCKET + "/objects/" + keys.get(i),
                    new MultipartBody().file("file", "big.bin", "application/octet-stream", () -> new PatternStream(seed, BIG), BIG));
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            assertEquals(BIG, Files.size(server.volume().resolve(BUCKET).resolve(keys.get(i))));
        }
        put(BUCKET, "zip/notes.txt", "text compresses ".repeat(1000));

        HttpRequest request = admin.request("/buckets/" + BUCKET + "/objects/download").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"keys\": [\"zip/big-1.bin\", \"zip/notes.txt\", \"zip/sub/big-2.bin\"]}"))
                .timeout(Duration.ofMinutes(5)).build();
        HttpResponse<InputStream> response = admin.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("application/zip", response.headers().firstValue("Content-Type").orElse(null));
        assertTrue(response.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\"apibulkit.zip\""));
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(response.body())) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                names.add(entry.getName());
                switch (entry.getName()) {
                    case "zip/big-1.bin" -> assertSameContent(new PatternStream(1, BIG), zip, entry.getName());
                    case "zip/sub/big-2.bin" -> assertSameContent(new PatternStream(2, BIG), zip, entry.getName());
                    case "zip/notes.txt" -> assertEquals("text compresses ".repeat(1000), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                    default -> fail("unexpected entry " + entry.getName());
                }
            }
        }
        assertEquals(List.of("zip/big-1.bin", "zip/notes.txt", "zip/sub/big-2.bin"), names);
        for (String key : keys) Files.delete(server.volume().resolve(BUCKET).resolve(key));
    }

    @Test
    void zipRequestsAreCheckedBeforeAnyByteIsSent() {
        put(BUCKET, "zipcheck/a.txt", "a");
        String path = "/buckets/" + BUCKET + "/objects/download";
        assertApiError(admin.post(path, "{\"keys\": [\"zipcheck/a.txt\", \"zipcheck/missing\"]}"), 404, "NoSuchKey");
        assertApiError(admin.post(path, "{\"keys\": [\"zipcheck/../../x\"]}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"keys\": []}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "not json"), 400, "MalformedJson");
        ApiClient otherOnly = ApiClient.scoped(server, Set.of(OTHER), false, "apibulkit: other only");
        assertApiError(otherOnly.post(path, "{\"keys\": [\"zipcheck/a.txt\"]}"), 403, "AccessDenied");
    }

    @Test
    void bulkPresignedUrlsAreOnePerKeyAndWorkWithoutAnyOtherCredential() {
        put(BUCKET, "presign/a b+c.txt", "presigned A");
        put(BUCKET, "presign/日本.txt", "presigned B");
        HttpResponse<String> response = admin.post("/buckets/" + BUCKET + "/objects/presign",
                "{\"keys\": [\"presign/a b+c.txt\", \"presign/日本.txt\"], \"expires_in\": 600}");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> result = json(response);
        assertEquals(Set.of("urls", "expires_in", "method"), result.keySet(), "the reference's BulkPresignResponse{urls, expires_in}, our method");
        assertEquals(600, number(result, "expires_in"));
        assertEquals("GET", result.get("method"));
        List<Map<String, Object>> urls = entries(result, "urls");
        assertEquals(List.of(Set.of("key", "url"), Set.of("key", "url")), urls.stream().map(Map::keySet).toList());
        assertEquals(List.of("presign/a b+c.txt", "presign/日本.txt"), urls.stream().map(u -> u.get("key")).toList(),
                "one {key, url} per key, in order");
        assertEquals("presigned A", ApiClient.fetch(server, (String) urls.get(0).get("url")));
        assertEquals("presigned B", ApiClient.fetch(server, (String) urls.get(1).get("url")));
        String url = (String) urls.get(0).get("url");
        assertTrue(url.startsWith(server.endpoint() + BUCKET + "/presign/a%20b%2Bc.txt?"), url);
        assertTrue(url.contains("X-Amz-Credential=" + server.adminAccessKey() + "%2F"), url);
        assertTrue(url.contains("X-Amz-Expires=600"), url);

        // expires_in is optional: an hour
        Map<String, Object> byDefault = json(admin.post("/buckets/" + BUCKET + "/objects/presign", "{\"keys\": [\"presign/a b+c.txt\"]}"));
        assertEquals(3600, number(byDefault, "expires_in"));
        assertTrue(((String) entries(byDefault, "urls").get(0).get("url")).contains("X-Amz-Expires=3600"), byDefault.toString());

        // signed with the caller's credential, within its scope
        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "apibulkit: presign read-only");
        String mine = (String) entries(json(readOnly.post("/buckets/" + BUCKET + "/objects/presign", "{\"keys\": [\"presign/日本.txt\"]}")),
                "urls").get(0).get("url");
        assertTrue(mine.contains("X-Amz-Credential=" + readOnly.accessKeyId() + "%2F"), mine);
        assertEquals("presigned B", ApiClient.fetch(server, mine));
        assertApiError(readOnly.post("/buckets/" + OTHER + "/objects/presign", "{\"keys\": [\"x\"]}"), 403, "AccessDenied");

        String path = "/buckets/" + BUCKET + "/objects/presign";
        assertApiError(admin.post(path, "{\"keys\": [\"a/../../b\"]}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"expires_in\": 600}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"keys\": [\"presign/a b+c.txt\"], \"expires_in\": 0}"), 400, "InvalidArgument");
    }

    private void put(String bucket, String key, String content) {
        server.s3().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static void assertSameContent(InputStream expected, InputStream actual, String what) throws IOException {
        byte[] a = new byte[64 * 1024];
        byte[] b = new byte[64 * 1024];
        long offset = 0;
        while (true) {
            int n = expected.readNBytes(a, 0, a.length);
            int m = actual.readNBytes(b, 0, b.length);
            assertEquals(n, m, what + ": length differs after " + offset + " bytes");
            if (n == 0) return;
            if (!Arrays.equals(a, 0, n, b, 0, m)) fail(what + ": content differs in the 64 KiB after byte " + offset);
            offset += n;
        }
    }
}
