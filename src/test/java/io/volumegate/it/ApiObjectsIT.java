package io.volumegate.it;

import io.volumegate.access.Principal;
import io.volumegate.checksum.Crc64Nvme;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's "Single-Object Endpoints" (hcp-objects-api.txt), driven in its request
 * shapes, each documented field checked by name and value:
 * <ul>
 * <li>{@code POST .../objects/{key}}, a form whose {@code file} field is the content: 201
 *     UploadObjectResponse{bucket, key, status "uploaded"} (ours: size, etag, last_modified,
 *     content_type) ({@link #uploadDownloadHeadDeleteWithFullKeys});
 * <li>{@code GET .../objects/{key}}: 200, the bytes with Content-Type and Content-Disposition;
 *     {@code version_id} here as "null" ({@link #aVersionIdOtherThanNullIsRefused}), naming a
 *     version in ApiVersionsIT;
 * <li>{@code HEAD .../objects/{key}}: 200, HeadObjectResponse's content_length, content_type,
 *     etag, last_modified as the headers Content-Length, Content-Type, ETag, Last-Modified (HEAD
 *     has no body), checked against the upload's answer;
 * <li>{@code DELETE .../objects/{key}}: 200 ObjectMutationResponse{status "deleted", bucket,
 *     key}, exactly; {@code version_id} deletes in ApiVersionsIT;
 * <li>{@code POST .../objects/{key}/copy} {source_bucket, source_key}: 200
 *     ObjectMutationResponse{status "copied", bucket, key}, across buckets
 *     ({@link #copyWithinAndAcrossBuckets});
 * <li>{@code GET .../objects/{key}/acl}: 200 AclResponse{owner, grants}; {@code PUT} of
 *     AclPolicy{Owner, Grants}: 200 StatusResponse{status "updated"}
 *     ({@link #anObjectAclGoesBackToPutAsGetAnsweredIt}; the ACL rules are ApiAclIT's).
 * </ul>
 * The document names no status for upload, delete and copy; ours are 201 (an object was
 * created), 200 and 200. "List objects" is in the reference's bulk section: ApiBulkIT.
 */
class ApiObjectsIT extends ServerTestBase {
    private static final String BUCKET = "apiobjectsit";
    private static final String OTHER = "apiobjectsit-other";
    private static boolean prepared;

    private ApiClient admin;

    @BeforeEach
    void buckets() {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        synchronized (ApiObjectsIT.class) {
            if (prepared) return;
            for (String bucket : List.of(BUCKET, OTHER)) assertEquals(201, admin.post("/buckets", "{\"name\": \"" + bucket + "\"}").statusCode());
            prepared = true;
        }
    }

    @Test
    void uploadDownloadHeadDeleteWithFullKeys() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(1).nextBytes(content);
        String key = "folder/sub/r\u00e9sum\u00e9 1.bin";
        String path = "/buckets/" + BUCKET + "/objects/folder/sub/r%C3%A9sum%C3%A9%201.bin";
        HttpResponse<String> uploaded = admin.upload(path, new MultipartBody().field("note", "ignored")
                .file("file", "ignored-name.bin", "application/x-test", content));
        assertEquals(201, uploaded.statusCode(), uploaded.body());
        Map<String, Object> info = json(uploaded);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        assertEquals("\"" + md5 + "\"", info.get("etag"));
        assertEquals(key, info.get("key"));
        assertEquals(BUCKET, info.get("bucket"));
        assertEquals("uploaded", info.get("status"), "the reference's UploadObjectResponse{bucket, key, status}");
        assertEquals(content.length, ((Number) info.get("size")).intValue());
        assertEquals("application/x-test", info.get("content_type"));
        assertArrayEquals(content, Files.readAllBytes(server.volume().resolve(BUCKET).resolve(key)));

        HttpResponse<byte[]> download = admin.send(admin.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(content, download.body());
        assertEquals("application/x-test", download.headers().firstValue("Content-Type").orElse(null));
        assertEquals("attachment; filename=\"r_sum_ 1.bin\"; filename*=UTF-8''r%C3%A9sum%C3%A9%201.bin",
                download.headers().firstValue("Content-Disposition").orElse(null));
        assertEquals("\"" + md5 + "\"", download.headers().firstValue("ETag").orElse(null));

        HttpResponse<byte[]> range = admin.send(admin.request(path).header("Range", "bytes=10-19").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 10, 20), range.body());
        assertEquals("bytes 10-19/" + content.length, range.headers().firstValue("Content-Range").orElse(null));
        HttpResponse<String> unsatisfiable = admin.send(admin.request(path).header("Range", "bytes=" + content.length + "-").GET().build());
        assertApiError(unsatisfiable, 416, "InvalidRange");
        assertEquals("bytes */" + content.length, unsatisfiable.headers().firstValue("Content-Range").orElse(null));

        // the reference's HeadObjectResponse (content_length, content_type, etag, last_modified) as headers: HEAD has no body
        HttpResponse<String> head = admin.head(path);
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(String.valueOf(content.length), head.headers().firstValue("Content-Length").orElse(null));
        assertEquals("application/x-test", head.headers().firstValue("Content-Type").orElse(null));
        assertEquals("\"" + md5 + "\"", head.headers().firstValue("ETag").orElse(null));
        java.time.ZonedDateTime lastModified = java.time.ZonedDateTime.parse(head.headers().firstValue("Last-Modified").orElseThrow(),
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
        assertEquals(java.time.Instant.parse((String) info.get("last_modified")).getEpochSecond(), lastModified.toEpochSecond());

        // the same object over S3
        assertArrayEquals(content, server.s3().getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asByteArray());

        // overwrite, then delete
        HttpResponse<String> again = admin.upload(path, new MultipartBody().file("file", "x.txt", null, "small".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, again.statusCode(), again.body());
        assertEquals("small", Files.readString(server.volume().resolve(BUCKET).resolve(key)));
        HttpResponse<String> deleted = admin.delete(path);
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals(Map.of("status", "deleted", "bucket", BUCKET, "key", key), json(deleted), "the reference's ObjectMutationResponse");
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve(key)));
        assertApiError(admin.get(path), 404, "NoSuchKey");
        assertApiError(admin.head(path), 404, null);
        HttpResponse<String> again2 = admin.delete(path); // deleting what is not there succeeds
        assertEquals(200, again2.statusCode(), again2.body());
        assertEquals("deleted", json(again2).get("status"));
    }

    /** No versions here: version_id other than "null" names nothing, and is refused before anything is read or deleted. */
    @Test
    void aVersionIdOtherThanNullIsRefused() throws Exception {
        Path file = server.volume().resolve(BUCKET).resolve("versions/one.txt");
        String path = "/buckets/" + BUCKET + "/objects/versions/one.txt";
        assertEquals(201, admin.upload(path, new MultipartBody().file("file", "one.txt", "text/plain", "one".getBytes(StandardCharsets.UTF_8)))
                .statusCode());

        assertApiError(admin.get(path + "?version_id=3HL4kqtJlcpXroDTDmJ"), 400, "InvalidArgument");
        assertApiError(admin.head(path + "?version_id=3HL4kqtJlcpXroDTDmJ"), 400, null);
        assertApiError(admin.delete(path + "?version_id=3HL4kqtJlcpXroDTDmJ"), 400, "InvalidArgument");
        assertEquals("one", Files.readString(file), "nothing deleted");

        HttpResponse<String> current = admin.get(path + "?version_id=null");
        assertEquals(200, current.statusCode(), current.body());
        assertEquals("one", current.body());
        assertEquals(200, admin.head(path + "?version_id=null").statusCode());
        assertEquals(200, admin.delete(path + "?version_id=null").statusCode());
        assertFalse(Files.exists(file));
    }

    /**
     * Unlike an S3 PUT, a form upload without a type (or with the browser's "don't know",
     * application/octet-stream) is typed by the key's extension: the console relies on it.
     */
    @Test
    void anUploadWithoutATypeIsTypedByItsKey() {
        for (String type : new String[] {null, "application/octet-stream"}) {
            String path = "/buckets/" + BUCKET + "/objects/typed/" + (type == null ? "none" : "octet") + ".json";
            HttpResponse<String> uploaded = admin.upload(path, new MultipartBody().file("file", "x", type, "{}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(201, uploaded.statusCode(), uploaded.body());
            assertEquals("application/json", json(uploaded).get("content_type"), type);
            assertEquals("application/json", admin.get(path).headers().firstValue("Content-Type").orElse(null), type);
        }
    }

    /** An upload through the API gets the CRC64NVME an S3 PUT without a checksum gets, so S3 clients can check it alike. */
    @Test
    void anUploadHasTheCrc64nvmeOfAnS3PutOfTheSameBytes() throws Exception {
        byte[] content = new byte[1024 * 1024 + 3];
        new Random(8).nextBytes(content);
        RawS3 s3 = RawS3.on(server);
        assertEquals(200, s3.put("/" + BUCKET + "/crc/via-s3.bin").body(content).send().statusCode());
        HttpResponse<String> uploaded = admin.upload("/buckets/" + BUCKET + "/objects/crc/via-api.bin",
                new MultipartBody().file("file", "via-api.bin", "application/octet-stream", content));
        assertEquals(201, uploaded.statusCode(), uploaded.body());

        Crc64Nvme crc = new Crc64Nvme();
        crc.update(content, 0, content.length);
        String expected = Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
        for (String key : List.of("crc/via-s3.bin", "crc/via-api.bin")) {
            HttpResponse<byte[]> head = s3.head("/" + BUCKET + "/" + key).header("x-amz-checksum-mode", "ENABLED").send();
            assertEquals(200, head.statusCode(), key);
            assertEquals(expected, head.headers().firstValue("x-amz-checksum-crc64nvme").orElse(null), key);
            assertEquals("FULL_OBJECT", head.headers().firstValue("x-amz-checksum-type").orElse(null), key);
        }
    }

    @Test
    void copyWithinAndAcrossBuckets() throws Exception {
        server.s3().putObject(p -> p.bucket(BUCKET).key("copy/src.json").contentType("application/json").metadata(Map.of("k", "v")),
                RequestBody.fromString("{\"a\":1}"));
        HttpResponse<String> copied = admin.post("/buckets/" + OTHER + "/objects/copies/dst.json/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"copy/src.json\"}");
        assertEquals(200, copied.statusCode(), copied.body());
        Map<String, Object> info = json(copied);
        assertEquals("copied", info.get("status"), "the reference's ObjectMutationResponse{status, bucket, key}");
        assertEquals(OTHER, info.get("bucket"));
        assertEquals("copies/dst.json", info.get("key"));
        assertEquals("application/json", info.get("content_type"));
        assertEquals("{\"a\":1}", Files.readString(server.volume().resolve(OTHER).resolve("copies/dst.json")));
        var head = server.s3().headObject(h -> h.bucket(OTHER).key("copies/dst.json"));
        assertEquals(Map.of("k", "v"), head.metadata());

        // keys with characters that need encoding in a copy source
        server.s3().putObject(p -> p.bucket(BUCKET).key("copy/a?b #%.txt"), RequestBody.fromString("odd"));
        assertEquals(200, admin.post("/buckets/" + BUCKET + "/objects/copy/odd.txt/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"copy/a?b #%.txt\"}").statusCode());
        assertEquals("odd", Files.readString(server.volume().resolve(BUCKET).resolve("copy/odd.txt")));

        String copyPath = "/buckets/" + BUCKET + "/objects/copy/dst.txt/copy";
        assertApiError(admin.post(copyPath, "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"copy/none\"}"), 404, "NoSuchKey");
        assertApiError(admin.post(copyPath, "{\"source_bucket\": \"apiobjectsit-none\", \"source_key\": \"x\"}"), 404, "NoSuchBucket");
        assertApiError(admin.post(copyPath, "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"../x\"}"), 400, "InvalidArgument");
        assertApiError(admin.post(copyPath, "{\"source_bucket\": \"" + BUCKET + "\"}"), 400, "InvalidArgument");
        assertApiError(admin.post(copyPath, "{\"source_bucket\": "), 400, "MalformedJson");
        assertApiError(admin.post("/buckets/" + BUCKET + "/objects/copy/src.json/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"copy/src.json\"}"), 400, "InvalidRequest");

        // the source bucket must be readable by the caller, the target writable
        ApiClient onlyOther = ApiClient.scoped(server, Set.of(OTHER), false, "apiobjectsit: other only");
        assertApiError(onlyOther.post("/buckets/" + OTHER + "/objects/stolen.json/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"copy/src.json\"}"), 403, "AccessDenied");
        assertFalse(Files.exists(server.volume().resolve(OTHER).resolve("stolen.json")));
        ApiClient readOnly = ApiClient.scoped(server, Set.of(), true, "apiobjectsit: read-only");
        assertApiError(readOnly.post("/buckets/" + OTHER + "/objects/ro.json/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"copy/src.json\"}"), 403, "AccessDenied");
    }

    /**
     * The reference's object ACL pair in its own shapes: GET answers AclResponse{owner, grants},
     * and that very document, its two names capitalised, is the AclPolicy{Owner, Grants} a PUT
     * takes (display names and all), answered by StatusResponse. The rules are ApiAclIT's.
     */
    @Test
    void anObjectAclGoesBackToPutAsGetAnsweredIt() {
        String path = "/buckets/" + BUCKET + "/objects/acl/report.txt";
        assertEquals(201, admin.upload(path, new MultipartBody().file("file", "report.txt", "text/plain", "acl".getBytes(StandardCharsets.UTF_8)))
                .statusCode());
        HttpResponse<String> got = admin.get(path + "/acl");
        assertEquals(200, got.statusCode(), got.body());
        String adminId = Principal.canonicalIdOf(server.adminAccessKey());
        Map<String, Object> owner = Map.of("ID", adminId, "DisplayName", server.adminAccessKey());
        Map<String, Object> ownerGrant = Map.of("Grantee", Map.of("Type", "CanonicalUser", "ID", adminId, "DisplayName", server.adminAccessKey()),
                "Permission", "FULL_CONTROL");
        Map<String, Object> acl = json(got);
        assertEquals(Map.of("owner", owner, "grants", List.of(ownerGrant)), acl, "the writer owns it, privately");

        String group = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
        List<Object> grants = List.of(Map.of("Grantee", Map.of("Type", "Group", "URI", group), "Permission", "READ"), ownerGrant);
        HttpResponse<String> put = admin.put(path + "/acl", ApiClient.JSON.toJson(Map.of("Owner", acl.get("owner"), "Grants", grants)));
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(Map.of("status", "updated"), json(put), "the reference's StatusResponse");
        assertEquals(Map.of("owner", owner, "grants", grants), json(admin.get(path + "/acl")));
        var s3 = server.s3().getObjectAcl(b -> b.bucket(BUCKET).key("acl/report.txt"));
        assertEquals(adminId, s3.owner().id());
        assertEquals(List.of(group + " READ", adminId + " FULL_CONTROL"), s3.grants().stream()
                .map(g -> (g.grantee().uri() != null ? g.grantee().uri() : g.grantee().id()) + " " + g.permissionAsString()).toList(),
                "S3 clients see the ACL that was put");
    }

    @Test
    void badKeysBodiesAndScopesAreRefused() throws Exception {
        Path bucket = server.volume().resolve(BUCKET);
        for (String rawKey : List.of("%2E%2E/x", "a/%2e%2e/%2e%2e/x", "a%2F%2Fb", "a/%2E/b", "%2E%2E%2F%2E%2E%2Fescape")) {
            String path = "/buckets/" + BUCKET + "/objects/" + rawKey;
            assertApiError(admin.upload(path, new MultipartBody().file("file", "f", null, "x".getBytes())), 400, "InvalidArgument");
            assertApiError(admin.get(path), 400, "InvalidArgument");
            assertApiError(admin.delete(path), 400, "InvalidArgument");
            assertApiError(admin.post(path + "/copy", "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"a\"}"), 400, "InvalidArgument");
        }
        assertFalse(Files.exists(server.volume().resolve("x")));
        assertFalse(Files.exists(server.volume().resolve("escape")));
        assertApiError(admin.get("/buckets/" + BUCKET + "/objects/.volumegate/keystore.p12"), 403, "AccessDenied");
        assertApiError(admin.get("/buckets/" + BUCKET + "/objects/" + "k".repeat(1100)), 400, "KeyTooLongError");

        String path = "/buckets/" + BUCKET + "/objects/bad/upload.txt";
        assertApiError(admin.upload(path, new MultipartBody().field("other", "x")), 400, "InvalidArgument");
        assertApiError(admin.upload(path, new MultipartBody().file("file", "a", null, "1".getBytes()).file("file", "b", null, "2".getBytes())),
                400, "InvalidArgument");
        HttpResponse<String> truncated = admin.send(admin.request(path).header("Content-Type", "multipart/form-data; boundary=zz")
                .POST(HttpRequest.BodyPublishers.ofString("--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end")).build());
        assertApiError(truncated, 400, "InvalidArgument");
        assertApiError(admin.send(admin.request(path).header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build()), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{}"), 415, "UnsupportedMediaType");
        assertFalse(Files.exists(bucket.resolve("bad")));
        try (var temps = Files.list(bucket.resolve(".volumegate/tmp"))) {
            assertEquals(List.of(), temps.toList(), "no temp file left behind");
        }

        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "apiobjectsit: read-only bucket");
        server.s3().putObject(p -> p.bucket(BUCKET).key("ro/keep.txt"), RequestBody.fromString("keep"));
        assertEquals(200, readOnly.get("/buckets/" + BUCKET + "/objects/ro/keep.txt").statusCode());
        assertApiError(readOnly.upload("/buckets/" + BUCKET + "/objects/ro/new.txt", new MultipartBody().file("file", "f", null, "x".getBytes())),
                403, "AccessDenied");
        assertApiError(readOnly.delete("/buckets/" + BUCKET + "/objects/ro/keep.txt"), 403, "AccessDenied");
        assertApiError(readOnly.get("/buckets/" + OTHER + "/objects"), 403, "AccessDenied");
        assertApiError(readOnly.get("/buckets/" + OTHER + "/objects/x"), 403, "AccessDenied");
        assertTrue(Files.exists(bucket.resolve("ro/keep.txt")));
        assertFalse(Files.exists(bucket.resolve("ro/new.txt")));
        assertApiError(ApiClient.anonymous(server).get("/buckets/" + BUCKET + "/objects/ro/keep.txt"), 401, "Unauthorized");
    }

    /** Keys with control characters XML 1.0 cannot carry are refused here too, as over S3, and touch nothing. */
    @Test
    void keysWithControlCharactersAreRefused() throws Exception {
        Path foreign = Files.createDirectories(server.volume().resolve(BUCKET).resolve("ctl")).resolve("vt\u000bfile");
        Files.writeString(foreign, "written by another program");
        String path = "/buckets/" + BUCKET + "/objects/ctl/vt%0Bfile";
        assertApiError(admin.upload(path, new MultipartBody().file("file", "f", null, "x".getBytes())), 400, "InvalidArgument");
        assertApiError(admin.get(path), 400, "InvalidArgument");
        assertApiError(admin.head(path), 400, null);
        assertApiError(admin.delete(path), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets/" + BUCKET + "/objects/ctl/copy.txt/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"ctl/vt\\u000bfile\"}"), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets/" + BUCKET + "/objects/ctl%01/copy",
                "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"ctl/copy.txt\"}"), 400, "InvalidArgument");

        HttpResponse<String> bulk = admin.post("/buckets/" + BUCKET + "/objects/delete", "{\"keys\": [\"ctl/vt\\u000bfile\"]}");
        assertEquals(200, bulk.statusCode(), bulk.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) json(bulk).get("errors");
        assertEquals("InvalidArgument", errors.get(0).get("code"), bulk.body());
        assertEquals("written by another program", Files.readString(foreign), "not deleted");
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve("ctl/copy.txt")));
    }
}
