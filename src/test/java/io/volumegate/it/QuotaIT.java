package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static io.volumegate.it.S3Assertions.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-bucket quotas as a user meets them: set through the management API (or written by an
 * operator into the bucket's settings file), writes under it succeed, the one over answers
 * 403 QuotaExceeded over S3 and the API and leaves nothing, usage is reported (API, metrics)
 * and freed by deletes, and a file another program wrote counts once the bucket is walked.
 */
class QuotaIT extends ServerTestBase {
    private static final String BUCKET = "quotait-a";

    private static byte[] bytes(int n) {
        byte[] data = new byte[n];
        java.util.Arrays.fill(data, (byte) 'q');
        return data;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> usageOf(Map<String, Object> document) {
        return (Map<String, Object>) document.get("usage");
    }

    private static void assertUsage(Map<String, Object> document, long bytes, long objects) {
        Map<String, Object> usage = usageOf(document);
        assertEquals(bytes, ((Number) usage.get("bytes")).longValue(), document::toString);
        assertEquals(objects, ((Number) usage.get("objects")).longValue(), document::toString);
    }

    private Path bucketDir() {
        return server.volume().resolve(BUCKET);
    }

    private long tempFiles() throws Exception {
        Path tmp = bucketDir().resolve(".volumegate/tmp");
        if (!Files.isDirectory(tmp)) return 0;
        try (Stream<Path> files = Files.list(tmp)) {
            return files.count();
        }
    }

    @Test
    void quotaThroughTheApiHoldsEveryWriteAndUsageFollows() throws Exception {
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        int created = admin.post("/buckets", "{\"name\": \"" + BUCKET + "\"}").statusCode();
        assertTrue(created == 201 || created == 409);
        S3Client s3 = server.s3();

        HttpResponse<String> set = admin.put("/buckets/" + BUCKET + "/quota", "{\"max_bytes\": 100, \"max_objects\": 3}");
        assertEquals(200, set.statusCode(), set.body());
        Map<String, Object> quota = json(set);
        assertEquals(100, ((Number) quota.get("max_bytes")).intValue());
        assertEquals(3, ((Number) quota.get("max_objects")).intValue());
        assertUsage(quota, 0, 0);

        // Under the quota: written.
        s3.putObject(p -> p.bucket(BUCKET).key("a.bin"), RequestBody.fromBytes(bytes(40)));
        s3.putObject(p -> p.bucket(BUCKET).key("dir/b.bin"), RequestBody.fromBytes(bytes(40)));
        Map<String, Object> details = json(admin.get("/buckets/" + BUCKET));
        assertUsage(details, 80, 2);
        assertEquals(100, ((Number) ((Map<?, ?>) details.get("quota")).get("max_bytes")).intValue());

        // Over it: refused before the body, nothing left, usage unchanged, whichever way the bytes come.
        assertS3Error(403, "QuotaExceeded", () -> s3.putObject(p -> p.bucket(BUCKET).key("c.bin"), RequestBody.fromBytes(bytes(30))));
        assertS3Error(403, "QuotaExceeded", () -> s3.copyObject(c -> c.sourceBucket(BUCKET).sourceKey("a.bin")
                .destinationBucket(BUCKET).destinationKey("copy.bin")));
        String uploadId = s3.createMultipartUpload(m -> m.bucket(BUCKET).key("mp.bin")).uploadId();
        assertS3Error(403, "QuotaExceeded", () -> s3.uploadPart(u -> u.bucket(BUCKET).key("mp.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(bytes(30))));
        s3.abortMultipartUpload(a -> a.bucket(BUCKET).key("mp.bin").uploadId(uploadId));
        assertApiError(admin.upload("/buckets/" + BUCKET + "/objects/api.bin",
                new MultipartBody().file("file", "api.bin", "application/octet-stream", bytes(30))), 403, "QuotaExceeded");
        for (String key : List.of("c.bin", "copy.bin", "mp.bin", "api.bin")) assertFalse(Files.exists(bucketDir().resolve(key)), key);
        assertEquals(0, tempFiles());
        assertUsage(json(admin.get("/buckets/" + BUCKET + "/quota")), 80, 2);

        // A delete frees what the object held; the write that did not fit now does.
        s3.deleteObject(d -> d.bucket(BUCKET).key("a.bin"));
        assertUsage(json(admin.get("/buckets/" + BUCKET)), 40, 1);
        s3.putObject(p -> p.bucket(BUCKET).key("c.bin"), RequestBody.fromBytes(bytes(30)));
        assertUsage(json(admin.get("/buckets/" + BUCKET)), 70, 2);

        // A file another program writes counts once the bucket is walked (here on demand).
        Files.write(bucketDir().resolve("dir/external.bin"), bytes(25));
        assertUsage(json(admin.get("/buckets/" + BUCKET)), 70, 2);
        HttpResponse<String> walked = admin.post("/buckets/" + BUCKET + "/usage/reconcile", "");
        assertEquals(200, walked.statusCode(), walked.body());
        assertUsage(json(walked), 95, 3);
        Map<String, Object> listed = ApiClient.entries(json(admin.get("/buckets")), "buckets").stream()
                .filter(b -> BUCKET.equals(b.get("name"))).findFirst().orElseThrow();
        assertUsage(listed, 95, 3);

        // The object limit: 3 objects are there.
        assertS3Error(403, "QuotaExceeded", () -> s3.putObject(p -> p.bucket(BUCKET).key("e.bin"), RequestBody.fromBytes(bytes(1))));

        // Prometheus sees the same numbers.
        String scrape = PrometheusScrape.scrape(server.http(), server.uri("/-/metrics"), null);
        assertEquals(95, PrometheusScrape.value(scrape, "volumegate_bucket_usage_bytes{bucket=\"" + BUCKET + "\"}"));
        assertEquals(3, PrometheusScrape.value(scrape, "volumegate_bucket_objects{bucket=\"" + BUCKET + "\"}"));
        assertEquals(100, PrometheusScrape.value(scrape, "volumegate_bucket_quota_bytes{bucket=\"" + BUCKET + "\"}"));

        // The operator's way: the quota keys of the bucket's settings file, edited by hand.
        Path settings = bucketDir().resolve(".volumegate/bucket.properties");
        String edited = Files.readString(settings).replaceAll("(?m)^quota\\.max-objects=.*\\R", "")
                .replaceAll("(?m)^quota\\.max-bytes=.*$", "quota.max-bytes=1K");
        Files.writeString(settings, edited, StandardCharsets.ISO_8859_1);
        s3.putObject(p -> p.bucket(BUCKET).key("e.bin"), RequestBody.fromBytes(bytes(1)));
        Map<String, Object> byHand = json(admin.get("/buckets/" + BUCKET + "/quota"));
        assertEquals(1024, ((Number) byHand.get("max_bytes")).intValue());
        assertNull(byHand.get("max_objects"));
        assertUsage(byHand, 96, 4);
        assertS3Error(403, "QuotaExceeded", () -> s3.putObject(p -> p.bucket(BUCKET).key("big.bin"), RequestBody.fromBytes(bytes(1000))));

        // Removed: no limit.
        assertEquals(204, admin.delete("/buckets/" + BUCKET + "/quota").statusCode());
        assertNull(json(admin.get("/buckets/" + BUCKET)).get("quota"));
        s3.putObject(p -> p.bucket(BUCKET).key("big.bin"), RequestBody.fromBytes(bytes(1000)));
        assertUsage(json(admin.get("/buckets/" + BUCKET + "/quota")), 1096, 5);
    }

    @Test
    void onlyAnAdminOrTheOwnerChangesAQuotaAndBadOnesAreRefused() {
        String bucket = "quotait-b";
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        int created = admin.post("/buckets", "{\"name\": \"" + bucket + "\"}").statusCode();
        assertTrue(created == 201 || created == 409);
        ApiClient writer = ApiClient.scoped(server, Set.of(bucket), false, "quotait: writer");
        assertEquals(200, writer.get("/buckets/" + bucket + "/quota").statusCode());
        assertApiError(writer.put("/buckets/" + bucket + "/quota", "{\"max_bytes\": 1000000}"), 403, "AccessDenied");
        assertApiError(writer.delete("/buckets/" + bucket + "/quota"), 403, "AccessDenied");
        assertApiError(writer.post("/buckets/" + bucket + "/usage/reconcile", ""), 403, "AccessDenied");

        ApiClient owner = ApiClient.scoped(server, Set.of(), false, "quotait: owner");
        String owned = "quotait-owned";
        assertEquals(201, owner.post("/buckets", "{\"name\": \"" + owned + "\"}").statusCode());
        assertEquals(200, owner.put("/buckets/" + owned + "/quota", "{\"max_objects\": 5}").statusCode());

        assertApiError(admin.put("/buckets/" + bucket + "/quota", "{\"max_bytes\": -1}"), 400, "InvalidArgument");
        assertApiError(admin.put("/buckets/" + bucket + "/quota", "{}"), 400, "InvalidArgument");
        assertApiError(admin.put("/buckets/" + bucket + "/quota", "{\"max_bytes\": \"lots\"}"), 400, "MalformedJson");
        assertApiError(admin.put("/buckets/quotait-none/quota", "{\"max_bytes\": 1}"), 404, "NoSuchBucket");
    }
}
