package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's presigned "Multipart Upload" (hcp-objects-api.txt), the flow its sequence
 * diagram draws: presign, PUT the raw parts straight to the S3 endpoint as a page of an allowed
 * origin would (reading each ETag header), list, complete, abort; and its errors.
 * <ul>
 * <li>{@code POST .../multipart/{key}/presign} {file_size, part_size, expires_in} (ours:
 *     content_type): PresignedMultipartResponse{bucket, key, upload_id, part_size, total_parts,
 *     urls [{part_number, url}], expires_in}, exactly those fields, with the defaults 25 MiB and
 *     3600 s and the document's example body ({@link #aBrowserUploadsPartsToPresignedUrlsAndCompletes},
 *     {@link #aZeroOrMissingFileSizeIs422AndStartsNoUpload}); 400 TooManyParts past 10,000 parts,
 *     422 for a file_size or part_size out of range ({@link #sizesAndExpiriesAreChecked});
 * <li>{@code POST .../complete} {upload_id, parts [{PartNumber, ETag}]}: CompleteMultipartUploadResponse
 *     {bucket, key, etag} (ours: status, size, last_modified, content_type), the etag S3 answers;
 * <li>{@code POST .../abort} {upload_id}: StatusResponse{status "aborted"}, exactly;
 * <li>{@code GET .../parts?upload_id=}: bucket, key, upload_id, parts' ETag and Size, is_truncated
 *     (every ListPartsResponse field and max_parts: ApiMultipartProxiedIT).
 * </ul>
 * The document names no status for the presign call; ours is 201 (it creates an upload), as the
 * proxied initiate's documented 201. An expires_in outside 60 s to 12 h is 400 InvalidArgument:
 * the document's 422 is for file_size and part_size only.
 */
class ApiMultipartIT extends ServerTestBase {
    private static final String BUCKET = "apimultipartit";
    private static final String ORIGIN = "https://console.example.test";
    private static final int MIB = 1 << 20;
    private static boolean prepared;

    private ApiClient admin;

    @BeforeEach
    void bucket() {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        synchronized (ApiMultipartIT.class) {
            if (prepared) return;
            assertEquals(201, admin.post("/buckets", "{\"name\": \"" + BUCKET + "\"}").statusCode());
            prepared = true;
        }
    }

    @Test
    void aBrowserUploadsPartsToPresignedUrlsAndCompletes() throws Exception {
        byte[] file = PatternStream.bytes(12 * MIB + 123);
        String key = "videos/holiday 2026/clip.mp4";
        Map<String, Object> plan = presign(key, "{\"file_size\": " + file.length + ", \"part_size\": " + 5 * MIB
                + ", \"expires_in\": 600, \"content_type\": \"video/mp4\"}");
        assertEquals(Set.of("bucket", "key", "upload_id", "part_size", "total_parts", "urls", "expires_in"), plan.keySet(),
                "the reference's PresignedMultipartResponse");
        assertEquals(3, ((Number) plan.get("total_parts")).intValue());
        assertEquals(5 * MIB, ((Number) plan.get("part_size")).intValue());
        assertEquals(key, plan.get("key"));
        assertEquals(BUCKET, plan.get("bucket"));
        assertEquals(600, ((Number) plan.get("expires_in")).intValue(), "expires_in in seconds, as the reference has it");
        assertFalse(plan.containsKey("expires_at"), plan.toString());
        String uploadId = (String) plan.get("upload_id");
        List<Map<String, Object>> urls = urls(plan);
        assertEquals(List.of(1, 2, 3), urls.stream().map(u -> ((Number) u.get("part_number")).intValue()).toList());
        for (Map<String, Object> url : urls) {
            assertEquals(Set.of("part_number", "url"), url.keySet());
            String part = (String) url.get("url");
            List<String> query = ApiClient.queryOf(part);
            assertTrue(query.contains("partNumber=" + url.get("part_number")) && query.contains("X-Amz-Expires=600"), part);
        }

        // the upload is an S3 multipart upload like any other
        List<MultipartUpload> listed = server.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("videos/")).uploads();
        assertTrue(listed.stream().anyMatch(u -> u.uploadId().equals(uploadId) && u.key().equals(key)), listed.toString());

        List<String> etags = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            byte[] slice = Arrays.copyOfRange(file, part * 5 * MIB, Math.min(file.length, (part + 1) * 5 * MIB));
            HttpResponse<String> put = putPart((String) urls.get(part).get("url"), slice);
            assertEquals(200, put.statusCode(), put.body());
            String etag = put.headers().firstValue("ETag").orElseThrow();
            assertEquals('"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(slice)) + '"', etag);
            // what lets the page's script read the ETag
            assertEquals(ORIGIN, put.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(put.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("ETag"));
            etags.add(etag);
        }

        Map<String, Object> parts = json(admin.get(multipart(key) + "/parts?upload_id=" + uploadId));
        assertEquals(uploadId, parts.get("upload_id"));
        assertEquals(false, parts.get("is_truncated"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> uploaded = (List<Map<String, Object>>) parts.get("parts");
        assertEquals(etags, uploaded.stream().map(p -> p.get("ETag")).toList());
        assertEquals(List.of(5 * MIB, 5 * MIB, 2 * MIB + 123), uploaded.stream().map(p -> ((Number) p.get("Size")).intValue()).toList());

        String completeBody = complete(uploadId, etags);
        HttpResponse<String> completed = admin.post(multipart(key) + "/complete", completeBody);
        assertEquals(200, completed.statusCode(), completed.body());
        Map<String, Object> object = json(completed);
        assertEquals(BUCKET, object.get("bucket"));
        assertEquals(key, object.get("key"));
        assertEquals("completed", object.get("status"));
        assertEquals(file.length, ((Number) object.get("size")).intValue());
        assertTrue(((String) object.get("etag")).endsWith("-3\""), object.toString());
        assertEquals("video/mp4", object.get("content_type"));

        ResponseBytes<GetObjectResponse> read = server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertArrayEquals(file, read.asByteArray());
        assertEquals(object.get("etag"), read.response().eTag());
        assertEquals("video/mp4", read.response().contentType());
        assertArrayEquals(file, java.nio.file.Files.readAllBytes(server.volume().resolve(BUCKET).resolve(key)), "objects are files");

        // a retry whose first answer was lost gets the same answer; the upload itself is gone
        HttpResponse<String> retried = admin.post(multipart(key) + "/complete", completeBody);
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(object.get("etag"), json(retried).get("etag"));
        assertApiError(admin.get(multipart(key) + "/parts?upload_id=" + uploadId), 404, "NoSuchUpload");
    }

    /** The reference: file_size "must be > 0", else 422; and a refused presign leaves no upload behind. */
    @Test
    void aZeroOrMissingFileSizeIs422AndStartsNoUpload() {
        for (String body : List.of("{\"file_size\": 0}", "{}", "{\"file_size\": -5}", "{\"file_size\": null, \"part_size\": " + 5 * MIB + "}")) {
            assertApiError(admin.post(multipart("empty/zero.bin") + "/presign", body), 422, "InvalidSize");
        }
        assertTrue(server.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("empty/")).uploads().isEmpty(),
                "no stray upload");
        // the document's own example: {"file_size": 52428800} is two parts of the default size
        Map<String, Object> example = presign("empty/example.bin", "{\"file_size\": 52428800}");
        assertEquals(2, ((Number) example.get("total_parts")).intValue());
        assertEquals(2, urls(example).size());
        assertEquals(200, admin.post(multipart("empty/example.bin") + "/abort", "{\"upload_id\": \"" + example.get("upload_id") + "\"}")
                .statusCode());
        Map<String, Object> plan = presign("empty/one.bin", "{\"file_size\": 1}");
        assertEquals(1, ((Number) plan.get("total_parts")).intValue());
        assertEquals(25 * MIB, ((Number) plan.get("part_size")).intValue(), "25 MiB parts by default");
        assertEquals(3600, ((Number) plan.get("expires_in")).intValue(), "an hour by default");
        assertEquals(200, admin.post(multipart("empty/one.bin") + "/abort", "{\"upload_id\": \"" + plan.get("upload_id") + "\"}").statusCode());
    }

    @Test
    void aCompletionThatDoesNotFitTheUploadedPartsStoresNothing() {
        String key = "refused/partial.bin";
        Map<String, Object> plan = presign(key, "{\"file_size\": " + (10 * MIB) + ", \"part_size\": " + 5 * MIB + "}");
        String uploadId = (String) plan.get("upload_id");
        List<Map<String, Object>> urls = urls(plan);
        // part 1 is smaller than 5 MiB although it is not the last
        String small = putPart((String) urls.get(0).get("url"), PatternStream.bytes(1000)).headers().firstValue("ETag").orElseThrow();
        String second = putPart((String) urls.get(1).get("url"), PatternStream.bytes(1000)).headers().firstValue("ETag").orElseThrow();

        assertApiError(admin.post(multipart(key) + "/complete", complete(uploadId, List.of(small, second))), 400, "EntityTooSmall");
        assertApiError(admin.post(multipart(key) + "/complete", complete(uploadId, List.of(second, "\"0123456789abcdef0123456789abcdef\""))),
                400, "InvalidPart");
        assertApiError(admin.post(multipart(key) + "/complete",
                "{\"upload_id\": \"" + uploadId + "\", \"parts\": [{\"PartNumber\": 2, \"ETag\": " + ApiClient.JSON.toJson(second)
                        + "}, {\"PartNumber\": 1, \"ETag\": " + ApiClient.JSON.toJson(small) + "}]}"), 400, "InvalidPartOrder");
        assertApiError(admin.post(multipart(key) + "/complete", "{\"upload_id\": \"" + uploadId + "\", \"parts\": []}"), 400, "InvalidArgument");
        assertApiError(admin.post(multipart(key) + "/complete", "{\"upload_id\": \"" + uploadId + "\", \"parts\": [{\"PartNumber\": 1}]}"),
                400, "InvalidArgument");
        assertApiError(admin.post(multipart(key) + "/complete", "{\"parts\": [{\"PartNumber\": 1, \"ETag\": \"x\"}]}"), 400, "InvalidArgument");
        assertApiError(admin.post(multipart(key) + "/complete", complete("not-an-upload", List.of(small))), 404, "NoSuchUpload");
        assertApiError(admin.post(multipart("other.bin") + "/complete", complete(uploadId, List.of(small))), 404, "NoSuchUpload");
        assertApiError(admin.post(multipart(key) + "/complete", "{\"upload_id\": "), 400, "MalformedJson");
        assertThrows(NoSuchKeyException.class, () -> server.s3().headObject(b -> b.bucket(BUCKET).key(key)));

        // abort: the parts are gone, and so are the presigned URLs' target
        HttpResponse<String> aborted = admin.post(multipart(key) + "/abort", "{\"upload_id\": \"" + uploadId + "\"}");
        assertEquals(200, aborted.statusCode(), aborted.body());
        assertEquals(Map.of("status", "aborted"), json(aborted));
        assertApiError(admin.get(multipart(key) + "/parts?upload_id=" + uploadId), 404, "NoSuchUpload");
        HttpResponse<String> late = putPart((String) urls.get(0).get("url"), PatternStream.bytes(10));
        assertEquals(404, late.statusCode());
        assertTrue(late.body().contains("<Code>NoSuchUpload</Code>"), late.body());
        assertEquals(ORIGIN, late.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "errors are readable by the page too");
        assertApiError(admin.post(multipart(key) + "/abort", "{}"), 400, "InvalidArgument");
        assertApiError(admin.post(multipart(key) + "/abort", "{\"upload_id\": \"" + uploadId + "\"}"), 404, "NoSuchUpload");
        assertThrows(NoSuchKeyException.class, () -> server.s3().headObject(b -> b.bucket(BUCKET).key(key)));
    }

    @Test
    void sizesAndExpiriesAreChecked() {
        String path = multipart("sizes.bin") + "/presign";
        assertApiError(admin.post(path, "{\"file_size\": 100, \"part_size\": " + (5 * MIB - 1) + "}"), 422, "InvalidSize");
        assertApiError(admin.post(path, "{\"file_size\": 100, \"part_size\": " + ((5L << 30) + 1) + "}"), 422, "InvalidSize");
        assertApiError(admin.post(path, "{\"file_size\": -1}"), 422, "InvalidSize");
        assertApiError(admin.post(path, "{\"file_size\": " + ((5L << 40) + 1) + ", \"part_size\": " + (5L << 30) + "}"), 422, "InvalidSize");
        Map<String, Object> tooMany = assertApiError(admin.post(path, "{\"file_size\": " + (10_001L * 5 * MIB) + ", \"part_size\": " + 5 * MIB + "}"),
                400, "TooManyParts");
        assertTrue(((String) tooMany.get("message")).contains("10001 parts"), tooMany.toString());
        assertApiError(admin.post(path, "{\"file_size\": \"big\"}"), 400, "MalformedJson");
        assertApiError(admin.post(path, "{\"file_size\": 100, \"expires_in\": 59}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"file_size\": 100, \"expires_in\": 43201}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"file_size\": 100, \"content_type\": \"text/plain\\r\\nX-Evil: 1\"}"), 400, "InvalidArgument");
        // 10,000 parts is allowed, each with its own URL
        Map<String, Object> most = presign("most.bin", "{\"file_size\": " + (10_000L * 5 * MIB) + ", \"part_size\": " + 5 * MIB + "}");
        assertEquals(10_000, urls(most).size());
        assertEquals(200, admin.post(multipart("most.bin") + "/abort", "{\"upload_id\": \"" + most.get("upload_id") + "\"}").statusCode());
        assertTrue(server.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("sizes.bin")).uploads().isEmpty(),
                "a refused presign starts no upload");
    }

    @Test
    void tokensScopesAndKeysAreChecked() {
        String body = "{\"file_size\": 100}";
        assertApiError(ApiClient.anonymous(server).post(multipart("a.bin") + "/presign", body), 401, "Unauthorized");
        assertApiError(ApiClient.withToken(server, "x.y.z").post(multipart("a.bin") + "/presign", body), 401, "Unauthorized");
        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "apimultipartit: read-only");
        assertApiError(readOnly.post(multipart("a.bin") + "/presign", body), 403, "AccessDenied");
        ApiClient otherBucket = ApiClient.scoped(server, Set.of("apimultipartit-other"), false, "apimultipartit: other bucket");
        assertApiError(otherBucket.post(multipart("a.bin") + "/presign", body), 403, "AccessDenied");
        assertApiError(admin.post(multipart("..") + "/presign", body), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets/" + BUCKET + "/multipart/dir/%2E%2E/%2E%2E/escape/presign", body), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets/" + BUCKET + "/multipart/dir%2F..%2F..%2Fescape/presign", body), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets/apimultipartit-none/multipart/a.bin/presign", body), 404, "NoSuchBucket");
    }

    @Test
    void partUrlsAreSignedWithTheCallersCredentialAndDieWithIt() throws Exception {
        io.volumegate.auth.Credential credential = server.keyring().create(Set.of(BUCKET), false, false, "apimultipartit: short-lived");
        ApiClient caller = ApiClient.awaitLogin(server, credential.accessKeyId(), new String(credential.secret(), StandardCharsets.UTF_8));
        HttpResponse<String> presigned = caller.post(multipart("dies.bin") + "/presign", "{\"file_size\": 10}");
        assertEquals(201, presigned.statusCode(), presigned.body());
        Map<String, Object> plan = json(presigned);
        String url = (String) urls(plan).get(0).get("url");
        assertTrue(url.contains("X-Amz-Credential=" + credential.accessKeyId()), url);
        server.keyring().delete(credential.accessKeyId());
        long deadline = System.nanoTime() + 3_000_000_000L;
        HttpResponse<String> refused;
        do {
            refused = putPart(url, new byte[10]);
            if (refused.statusCode() == 403) break;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("<Code>InvalidAccessKeyId</Code>"), refused.body());
    }

    private Map<String, Object> presign(String key, String body) {
        HttpResponse<String> response = admin.post(multipart(key) + "/presign", body);
        assertEquals(201, response.statusCode(), response.body());
        return json(response);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> urls(Map<String, Object> plan) {
        return (List<Map<String, Object>>) plan.get("urls");
    }

    private static String multipart(String key) {
        return "/buckets/" + BUCKET + "/multipart/" + ShareLinkIT.encode(key);
    }

    private static String complete(String uploadId, List<String> etags) {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < etags.size(); i++) {
            if (i > 0) parts.append(", ");
            parts.append("{\"PartNumber\": ").append(i + 1).append(", \"ETag\": ").append(ApiClient.JSON.toJson(etags.get(i))).append('}');
        }
        return "{\"upload_id\": \"" + uploadId + "\", \"parts\": [" + parts + "]}";
    }

    /** What a page's fetch(url, {method: 'PUT', body: blob}) sends: no credentials, an Origin. */
    private HttpResponse<String> putPart(String url, byte[] data) {
        assertFalse(url.contains("Authorization"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Origin", ORIGIN)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .build();
        return ApiClient.anonymous(server).send(request);
    }
}
