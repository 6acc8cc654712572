package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.core.sync.RequestBody;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Bulk delete, ZIP download (larger than the server's heap), presigned URLs. */
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
    void presignedUrlsWorkWithoutAnyOtherCredential() throws Exception {
        put(BUCKET, "presign/a b+c.txt", "presigned A");
        put(BUCKET, "presign/日本.txt", "presigned B");
        HttpResponse<String> response = admin.post("/buckets/" + BUCKET + "/objects/presign",
                "{\"keys\": [\"presign/a b+c.txt\", \"presign/日本.txt\"], \"expires_in\": 600}");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> result = json(response);
        assertEquals("GET", result.get("method"));
        assertEquals(600, ((Number) result.get("expires_in")).intValue(), "the reference's BulkPresignResponse{urls, expires_in}");
        assertFalse(result.containsKey("expires_at"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> urls = (List<Map<String, Object>>) result.get("urls");
        assertEquals(2, urls.size());
        assertEquals("presigned A", fetch((String) urls.get(0).get("url")));
        assertEquals("presigned B", fetch((String) urls.get(1).get("url")));
        String url = (String) urls.get(0).get("url");
        assertTrue(url.startsWith(server.endpoint() + BUCKET + "/presign/a%20b%2Bc.txt?"), url);
        assertTrue(url.contains("X-Amz-Credential=" + server.adminAccessKey() + "%2F"), url);
        assertTrue(url.contains("X-Amz-Expires=600"), url);

        // PUT through a presigned URL
        HttpResponse<String> single = admin.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"presign/put.txt\","
                + " \"method\": \"put_object\", \"expires_in\": 60}");
        assertEquals(200, single.statusCode(), single.body());
        Map<String, Object> presigned = json(single);
        assertEquals(Set.of("url", "bucket", "key", "expires_in", "method"), presigned.keySet(), "the reference's PresignedUrlResponse");
        assertEquals("put_object", presigned.get("method"));
        assertEquals(BUCKET, presigned.get("bucket"));
        assertEquals("presign/put.txt", presigned.get("key"));
        assertEquals(60, ((Number) presigned.get("expires_in")).intValue());
        HttpResponse<String> put = server.http().send(HttpRequest.newBuilder(URI.create((String) json(single).get("url")))
                .PUT(HttpRequest.BodyPublishers.ofString("put via URL")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("put via URL", Files.readString(server.volume().resolve(BUCKET).resolve("presign/put.txt")));
        HttpResponse<String> get = admin.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"presign/put.txt\"}");
        assertEquals("get_object", json(get).get("method"), "get_object unless asked otherwise");
        assertEquals(3600, ((Number) json(get).get("expires_in")).intValue(), "an hour by default");
        assertEquals("put via URL", fetch((String) json(get).get("url")));

        // signed with the caller's credential, within its scope
        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "apibulkit: presign read-only");
        HttpResponse<String> mine = readOnly.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"presign/put.txt\"}");
        assertEquals(200, mine.statusCode(), mine.body());
        String mineUrl = (String) json(mine).get("url");
        assertTrue(mineUrl.contains("X-Amz-Credential=" + readOnly.accessKeyId() + "%2F"), mineUrl);
        assertEquals("put via URL", fetch(mineUrl));
        assertApiError(readOnly.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"x\", \"method\": \"put_object\"}"), 403, "AccessDenied");
        assertApiError(readOnly.post("/presign", "{\"bucket\": \"" + OTHER + "\", \"key\": \"x\"}"), 403, "AccessDenied");
        assertApiError(readOnly.post("/buckets/" + OTHER + "/objects/presign", "{\"keys\": [\"x\"]}"), 403, "AccessDenied");

        assertApiError(admin.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"x\", \"expires_in\": 0}"), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"x\", \"expires_in\": 604801}"), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"x\", \"method\": \"delete_object\"}"), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", "{\"bucket\": \"" + BUCKET + "\", \"key\": \"../x\"}"), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", "{\"bucket\": \"" + BUCKET + "\"}"), 400, "InvalidArgument");
        assertApiError(admin.post("/presign", "{\"bucket\": "), 400, "MalformedJson");
        assertApiError(admin.post("/buckets/" + BUCKET + "/objects/presign", "{\"keys\": [\"a/../../b\"]}"), 400, "InvalidArgument");
    }

    private String fetch(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = server.http().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + " -> " + response.body());
        return response.body();
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
