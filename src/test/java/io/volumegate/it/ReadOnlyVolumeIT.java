package io.volumegate.it;

import io.volumegate.storage.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.volumegate.it.ApiClient.assertApiError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read-only volume, for real: a tmpfs mounted over the directory of the bound bucket
 * {@code bound-share}, written to, then remounted read-only (EROFS for every write; chmod would
 * not do, the tests run as root). Every write, S3 and management API, answers 403
 * AccessDenied "The volume is read-only on this server." with no stack trace and leaves
 * nothing behind; GET, HEAD, listings, tags and an upload's parts read as before; /-/ready
 * turns 503 and /-/health stays 200. Remounted read-write, writes work again. Needs root to
 * mount; skipped elsewhere.
 */
class ReadOnlyVolumeIT extends ServerTestBase {
    private static final String BUCKET = "bound-share";
    private static final String MESSAGE = "The volume is read-only on this server.";

    @Test
    void aReadOnlyVolumeRefusesWritesAndKeepsServingReads() throws Exception {
        Path directory = boundShare();
        try (Tmpfs tmpfs = Tmpfs.mount(directory, "8m")) {
            S3Client s3 = server.s3();
            byte[] keep = "kept, byte for byte".getBytes(StandardCharsets.UTF_8);
            byte[] part1 = "the first and only part".getBytes(StandardCharsets.UTF_8);
            s3.putObject(b -> b.bucket(BUCKET).key("ro/keep.txt").tagging("state=before"), RequestBody.fromBytes(keep));
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ro/mp.bin")).uploadId();
            String etag1 = s3.uploadPart(b -> b.bucket(BUCKET).key("ro/mp.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part1)).eTag();
            List<String> before = files(directory);
            ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());

            tmpfs.readOnly();

            assertReadOnly(() -> s3.putObject(b -> b.bucket(BUCKET).key("ro/new.txt"), RequestBody.fromString("new")));
            assertReadOnly(() -> s3.putObject(b -> b.bucket(BUCKET).key("ro/keep.txt"), RequestBody.fromString("over")));
            assertReadOnly(() -> s3.deleteObject(b -> b.bucket(BUCKET).key("ro/keep.txt")));
            assertReadOnly(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("ro/keep.txt")
                    .destinationBucket(BUCKET).destinationKey("ro/copy.txt")));
            assertReadOnly(() -> s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ro/mp2.bin")));
            assertReadOnly(() -> s3.uploadPart(b -> b.bucket(BUCKET).key("ro/mp.bin").uploadId(uploadId).partNumber(2),
                    RequestBody.fromString("second")));
            // The ITs' server sends a Complete's 200 at once (complete-keep-alive-seconds=0), so the
            // error comes inside it, as S3's own late Complete errors do; a quick one is a plain 403.
            assertReadOnly(200, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("ro/mp.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build()))));
            assertReadOnly(() -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key("ro/mp.bin").uploadId(uploadId)));
            assertReadOnly(() -> s3.putObjectTagging(b -> b.bucket(BUCKET).key("ro/keep.txt")
                    .tagging(t -> t.tagSet(tag -> tag.key("state").value("after")))));
            assertReadOnly(() -> s3.deleteObjectTagging(b -> b.bucket(BUCKET).key("ro/keep.txt")));
            assertReadOnly(() -> s3.putObjectAcl(b -> b.bucket(BUCKET).key("ro/keep.txt").acl(ObjectCannedACL.PUBLIC_READ)));
            var deleted = s3.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(o -> o.key("ro/keep.txt"))));
            assertEquals(1, deleted.errors().size(), deleted::toString);
            assertEquals("AccessDenied", deleted.errors().get(0).code());
            assertEquals(MESSAGE, deleted.errors().get(0).message());

            // The management API says the same, in its own shape.
            String api = "/buckets/" + BUCKET + "/objects/";
            assertApiReadOnly(admin.upload(api + "ro/api.txt", new MultipartBody().file("file", "api.txt", "text/plain",
                    "api".getBytes(StandardCharsets.UTF_8))));
            assertApiReadOnly(admin.delete(api + "ro/keep.txt"));
            assertApiReadOnly(admin.post(api + "ro/api-copy.txt/copy",
                    "{\"source_bucket\": \"" + BUCKET + "\", \"source_key\": \"ro/keep.txt\"}"));

            // Reads go on, and nothing was left behind.
            assertEquals(before, files(directory), "no file made, changed or removed");
            assertArrayEquals(keep, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ro/keep.txt")).asByteArray());
            assertEquals(keep.length, s3.headObject(b -> b.bucket(BUCKET).key("ro/keep.txt")).contentLength());
            assertEquals(List.of("ro/keep.txt"), s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("ro/")).contents().stream()
                    .map(o -> o.key()).toList());
            assertEquals("before", s3.getObjectTagging(b -> b.bucket(BUCKET).key("ro/keep.txt")).tagSet().get(0).value());
            assertEquals(List.of(etag1), s3.listParts(b -> b.bucket(BUCKET).key("ro/mp.bin").uploadId(uploadId)).parts().stream()
                    .map(p -> p.eTag()).toList());
            assertEquals(200, admin.get(api + "ro/keep.txt").statusCode(), "the management API reads too");

            // The probes: not ready (with the reason), still alive.
            HttpResponse<String> ready = get("/-/ready");
            assertEquals(503, ready.statusCode(), ready::body);
            assertTrue(ready.body().contains("bucket bound-share's directory " + directory + " is not writable: Read-only file system"),
                    ready.body());
            assertEquals(200, get("/-/health").statusCode(), "still alive");

            tmpfs.writable();

            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("ro/mp.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build())));
            assertArrayEquals(part1, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ro/mp.bin")).asByteArray());
            s3.putObject(b -> b.bucket(BUCKET).key("ro/new.txt"), RequestBody.fromString("new"));
            assertEquals("new", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ro/new.txt")).asUtf8String());
            s3.deleteObject(b -> b.bucket(BUCKET).key("ro/keep.txt"));
            assertEquals(200, get("/-/ready").statusCode(), "ready again");
        }
    }

    private static void assertReadOnly(Executable write) {
        assertReadOnly(403, write);
    }

    private static void assertReadOnly(int status, Executable write) {
        S3Exception e = assertThrows(S3Exception.class, write);
        assertEquals(status, e.statusCode(), e::getMessage);
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), e::getMessage);
        assertEquals(MESSAGE, e.awsErrorDetails().errorMessage());
        String body = e.awsErrorDetails().rawResponse() == null ? "" : e.awsErrorDetails().rawResponse().asUtf8String();
        assertFalse(body.contains("Exception") || body.contains("\tat "), body);
    }

    private static void assertApiReadOnly(HttpResponse<String> response) {
        assertEquals(MESSAGE, assertApiError(response, 403, "AccessDenied").get("message"));
    }

    /** Every file and directory under the bucket's directory, the reserved folder's too. */
    private static List<String> files(Path directory) throws Exception {
        try (Stream<Path> all = Files.walk(directory)) {
            return all.map(p -> directory.relativize(p) + (Files.isDirectory(p) ? "/" : " " + size(p))).sorted().toList();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (Exception e) {
            return -1;
        }
    }

    private static Path boundShare() {
        String binding = TestServer.setting("volumegate.buckets"); // bound-share=/path
        return Path.of(binding.substring(binding.indexOf('=') + 1));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return server.http().send(HttpRequest.newBuilder(server.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
