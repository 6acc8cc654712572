package io.volumegate.it;

import io.volumegate.checksum.Crc64Nvme;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Part;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference's proxied "Multipart Upload" (hcp-objects-api.txt), in its own request shapes;
 * the upload is an S3 multipart upload like any other, so each answer is also checked against
 * what S3 clients see.
 * <ul>
 * <li>{@code POST .../multipart/{key}} (no body): 201 CreateMultipartUploadResponse{bucket, key,
 *     upload_id}, exactly those fields;
 * <li>{@code PUT .../multipart/{key}?upload_id=&part_number=}, the part as a form's {@code file}
 *     field: 200 UploadPartResponse{PartNumber, ETag}, exactly, the ETag the part's MD5 as S3's
 *     ListParts shows it;
 * <li>{@code GET .../multipart/{key}/parts?upload_id=&max_parts=}: ListPartsResponse{bucket, key,
 *     upload_id, parts [{PartNumber, Size, ETag, LastModified}], is_truncated} (ours:
 *     next_part_number_marker, part_number_marker), max_parts 1000 by default;
 * <li>{@code POST .../complete} {upload_id, parts [{PartNumber, ETag}]}: 200
 *     CompleteMultipartUploadResponse{bucket, key, etag}, the etag S3's GetObject answers;
 * <li>{@code POST .../abort} {upload_id}: 200 StatusResponse{status "aborted"}, exactly
 *     ({@link #anInitiateBodyMayNameTheContentTypeAndAbortDiscardsEverything}).
 * </ul>
 * part_number outside 1 to 10,000, a missing upload_id and max_parts outside 1 to 1000 are 400
 * InvalidArgument ({@link #badInputIsAClearJsonError}).
 */
class ApiMultipartProxiedIT extends ServerTestBase {
    private static final String BUCKET = "apimultipartproxiedit";
    private static final int MIB = 1 << 20;
    private static boolean prepared;

    private ApiClient admin;

    @BeforeEach
    void bucket() {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        synchronized (ApiMultipartProxiedIT.class) {
            if (prepared) return;
            assertEquals(201, admin.post("/buckets", "{\"name\": \"" + BUCKET + "\"}").statusCode());
            prepared = true;
        }
    }

    @Test
    void initiateUploadPartsListCompleteAsTheReferenceWritesThem() throws Exception {
        byte[] file = PatternStream.bytes(10 * MIB + 4321);
        String key = "proxied/parts/big file+1.bin"; // "parts" inside a key is just a segment
        HttpResponse<String> initiated = admin.send(admin.request(multipart(key))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(201, initiated.statusCode(), initiated.body());
        Map<String, Object> upload = json(initiated);
        assertEquals(Set.of("bucket", "key", "upload_id"), upload.keySet());
        assertEquals(BUCKET, upload.get("bucket"));
        assertEquals(key, upload.get("key"));
        String uploadId = (String) upload.get("upload_id");
        assertTrue(server.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("proxied/")).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(uploadId) && u.key().equals(key)), "S3 clients see the upload");

        List<byte[]> slices = List.of(Arrays.copyOfRange(file, 0, 5 * MIB), Arrays.copyOfRange(file, 5 * MIB, 10 * MIB),
                Arrays.copyOfRange(file, 10 * MIB, file.length));
        List<String> etags = new ArrayList<>();
        // part 2 first with the wrong bytes, then again: the second upload of a number replaces the first
        assertEquals(200, putPart(key, uploadId, "2", PatternStream.bytes(100)).statusCode());
        for (int i = 0; i < slices.size(); i++) {
            HttpResponse<String> put = putPart(key, uploadId, String.valueOf(i + 1), slices.get(i));
            assertEquals(200, put.statusCode(), put.body());
            Map<String, Object> part = json(put);
            assertEquals(Set.of("PartNumber", "ETag"), part.keySet());
            assertEquals(i + 1, ((Number) part.get("PartNumber")).intValue());
            assertEquals('"' + md5(slices.get(i)) + '"', part.get("ETag"));
            etags.add((String) part.get("ETag"));
        }

        // S3's ListParts: the same ETags, and the upload's checksum (CRC64NVME) of each part's bytes
        List<Part> s3Parts = server.s3().listParts(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)).parts();
        assertEquals(etags, s3Parts.stream().map(Part::eTag).toList());
        assertEquals(crc64nvme(slices.get(0)), s3Parts.get(0).checksumCRC64NVME());

        Map<String, Object> page = json(admin.get(multipart(key) + "/parts?upload_id=" + uploadId + "&max_parts=2"));
        assertEquals(BUCKET, page.get("bucket"));
        assertEquals(key, page.get("key"));
        assertEquals(uploadId, page.get("upload_id"));
        assertEquals(true, page.get("is_truncated"));
        List<Map<String, Object>> parts = parts(page);
        assertEquals(List.of(1, 2), parts.stream().map(p -> ((Number) p.get("PartNumber")).intValue()).toList());
        assertEquals(Set.of("PartNumber", "Size", "ETag", "LastModified"), parts.get(0).keySet());
        assertEquals(5 * MIB, ((Number) parts.get(1).get("Size")).intValue());
        assertEquals(etags.get(1), parts.get(1).get("ETag"));
        assertTrue(Math.abs(Instant.parse((String) parts.get(0).get("LastModified")).getEpochSecond() - Instant.now().getEpochSecond()) < 300);
        assertEquals(2, ((Number) page.get("next_part_number_marker")).intValue());
        Map<String, Object> rest = json(admin.get(multipart(key) + "/parts?upload_id=" + uploadId + "&max_parts=2&part_number_marker=2"));
        assertEquals(false, rest.get("is_truncated"));
        assertEquals(List.of(3), parts(rest).stream().map(p -> ((Number) p.get("PartNumber")).intValue()).toList());
        assertEquals(4321, ((Number) parts(rest).get(0).get("Size")).intValue());
        Map<String, Object> all = json(admin.get(multipart(key) + "/parts?upload_id=" + uploadId));
        assertEquals(false, all.get("is_truncated"), "max_parts is 1000 by default");
        assertEquals(3, parts(all).size());

        HttpResponse<String> completed = admin.post(multipart(key) + "/complete", complete(uploadId, etags));
        assertEquals(200, completed.statusCode(), completed.body());
        Map<String, Object> object = json(completed);
        assertEquals(BUCKET, object.get("bucket"));
        assertEquals(key, object.get("key"));
        assertTrue(((String) object.get("etag")).endsWith("-3\""), object.toString());
        assertArrayEquals(file, Files.readAllBytes(server.volume().resolve(BUCKET).resolve(key)), "byte for byte on the volume");
        ResponseBytes<GetObjectResponse> read = server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertArrayEquals(file, read.asByteArray());
        assertEquals(object.get("etag"), read.response().eTag());
    }

    @Test
    void anInitiateBodyMayNameTheContentTypeAndAbortDiscardsEverything() {
        String key = "proxied/aborted.txt";
        HttpResponse<String> initiated = admin.post(multipart(key), "{\"content_type\": \"text/x-proxied\"}");
        assertEquals(201, initiated.statusCode(), initiated.body());
        String uploadId = (String) json(initiated).get("upload_id");
        assertEquals(200, putPart(key, uploadId, "1", "only part".getBytes(StandardCharsets.UTF_8)).statusCode());

        HttpResponse<String> aborted = admin.post(multipart(key) + "/abort", "{\"upload_id\": \"" + uploadId + "\"}");
        assertEquals(200, aborted.statusCode(), aborted.body());
        assertEquals(Map.of("status", "aborted"), json(aborted));
        assertFalse(server.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix(key)).uploads().stream()
                .anyMatch(u -> u.uploadId().equals(uploadId)), "gone for S3 clients too");
        assertApiError(admin.get(multipart(key) + "/parts?upload_id=" + uploadId), 404, "NoSuchUpload");
        assertApiError(putPart(key, uploadId, "2", new byte[1]), 404, "NoSuchUpload");
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve(key)));

        // a one-part upload completes with the type the initiate named
        String second = (String) json(admin.post(multipart(key), "{\"content_type\": \"text/x-proxied\"}")).get("upload_id");
        String etag = (String) json(putPart(key, second, "1", "only part".getBytes(StandardCharsets.UTF_8))).get("ETag");
        HttpResponse<String> completed = admin.post(multipart(key) + "/complete", complete(second, List.of(etag)));
        assertEquals(200, completed.statusCode(), completed.body());
        assertEquals("text/x-proxied", server.s3().headObject(b -> b.bucket(BUCKET).key(key)).contentType());
    }

    /** A part uploaded here carries the checksum the upload was created with, whoever created it. */
    @Test
    void aPartOfAnS3UploadGetsTheUploadsChecksum() throws Exception {
        String key = "proxied/sha256.bin";
        String uploadId = server.s3().createMultipartUpload(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(ChecksumAlgorithm.SHA256))
                .uploadId();
        byte[] data = PatternStream.bytes(300_000);
        assertEquals(200, putPart(key, uploadId, "1", data).statusCode());
        Part part = server.s3().listParts(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)).parts().get(0);
        assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data)), part.checksumSHA256());
        server.s3().abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId));
    }

    @Test
    void badInputIsAClearJsonError() {
        String key = "proxied/bad.bin";
        String uploadId = (String) json(admin.post(multipart(key), "")).get("upload_id");
        byte[] one = {1};
        for (String number : List.of("0", "10001", "x", "", "1.5")) {
            assertApiError(putPart(key, uploadId, number, one), 400, "InvalidArgument");
        }
        assertApiError(admin.putForm(multipart(key) + "?part_number=1", form(one)), 400, "InvalidArgument");
        assertApiError(putPart(key, "no-such-upload", "1", one), 404, "NoSuchUpload");
        assertApiError(putPart("proxied/other.bin", uploadId, "1", one), 404, "NoSuchUpload");
        assertApiError(admin.putForm(multipart(key) + "?upload_id=" + uploadId + "&part_number=1",
                new MultipartBody().field("note", "no file")), 400, "InvalidArgument");
        assertApiError(admin.send(admin.request(multipart(key) + "?upload_id=" + uploadId + "&part_number=1")
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build()),
                415, "UnsupportedMediaType");
        for (String max : List.of("0", "1001", "x")) {
            assertApiError(admin.get(multipart(key) + "/parts?upload_id=" + uploadId + "&max_parts=" + max), 400, "InvalidArgument");
        }
        assertApiError(admin.get(multipart(key) + "/parts"), 400, "InvalidArgument");
        assertApiError(admin.post(multipart(key) + "/abort", "{}"), 400, "InvalidArgument");
        assertApiError(admin.post(multipart(key) + "/abort", ""), 400, "MalformedJson");
        assertApiError(admin.post(multipart(key), "{\"content_type\": "), 400, "MalformedJson");
        assertApiError(admin.post("/buckets/" + BUCKET + "/multipart/a/%2E%2E/%2E%2E/escape", ""), 400, "InvalidArgument");
        assertApiError(admin.post("/buckets/apimultipartproxiedit-none/multipart/a.bin", ""), 404, "NoSuchBucket");
        assertApiError(ApiClient.anonymous(server).post(multipart(key), ""), 401, "Unauthorized");
        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "apimultipartproxiedit: read-only");
        assertApiError(readOnly.post(multipart(key), ""), 403, "AccessDenied");
        assertApiError(readOnly.putForm(multipart(key) + "?upload_id=" + uploadId + "&part_number=1", form(one)), 403, "AccessDenied");
        assertApiError(readOnly.get(multipart(key) + "/parts?upload_id=" + uploadId), 403, "AccessDenied");
        assertApiError(readOnly.post(multipart(key) + "/abort", "{\"upload_id\": \"" + uploadId + "\"}"), 403, "AccessDenied");
        // nothing above changed the upload: it has no parts, and aborts cleanly
        assertTrue(parts(json(admin.get(multipart(key) + "/parts?upload_id=" + uploadId))).isEmpty());
        assertEquals(200, admin.post(multipart(key) + "/abort", "{\"upload_id\": \"" + uploadId + "\"}").statusCode());
    }

    private HttpResponse<String> putPart(String key, String uploadId, String number, byte[] data) {
        return admin.putForm(multipart(key) + "?upload_id=" + uploadId + "&part_number=" + number, form(data));
    }

    private static MultipartBody form(byte[] data) {
        return new MultipartBody().field("note", "ignored").file("file", "part.bin", "application/octet-stream", data);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parts(Map<String, Object> page) {
        List<Map<String, Object>> parts = (List<Map<String, Object>>) page.get("parts");
        assertNotNull(parts, page.toString());
        return parts;
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

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static String crc64nvme(byte[] data) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }
}
