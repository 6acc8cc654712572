package io.volumegate.it;

import io.volumegate.auth.Credential;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.net.http.HttpResponse;
import java.util.Set;

import static io.volumegate.it.PrometheusScrape.delta;
import static io.volumegate.it.PrometheusScrape.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus scrape as an operator's Prometheus sees it: the text format at /-/metrics,
 * open to loopback and to the bearer token, and values that move as requests are made.
 */
class MetricsIT extends ServerTestBase {
    private static final String BUCKET = "metricsit-bucket";
    private static final String TOKEN = "metricsit-token-0123456789"; // volumegate-it.properties

    @Test
    void requestsMoveTheirMeters() throws Exception {
        S3Client s3 = server.s3();
        s3.createBucket(b -> b.bucket(BUCKET));
        String before = scrape(null);

        byte[] body = new byte[10_000];
        s3.putObject(p -> p.bucket(BUCKET).key("a.bin"), RequestBody.fromBytes(body));
        for (int i = 0; i < 3; i++) s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("a.bin"));
        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(g -> g.bucket(BUCKET).key("missing.bin")));

        String after = scrape(null);
        assertEquals(3, delta(before, after, "volumegate_requests_total{operation=\"GET_OBJECT\",status=\"2xx\"}"));
        assertEquals(1, delta(before, after, "volumegate_requests_total{operation=\"GET_OBJECT\",status=\"4xx\"}"));
        assertEquals(1, delta(before, after, "volumegate_requests_total{operation=\"PUT_OBJECT\",status=\"2xx\"}"));
        assertEquals(1, delta(before, after, "volumegate_errors_total{code=\"NoSuchKey\"}"));
        assertEquals(10_000, delta(before, after, "volumegate_received_bytes_total{operation=\"PUT_OBJECT\"}"));
        double sent = delta(before, after, "volumegate_sent_bytes_total{operation=\"GET_OBJECT\"}");
        assertTrue(sent > 30_000 && sent < 32_000, "3 bodies and one error document: " + sent);
        assertEquals(4, delta(before, after, "volumegate_request_duration_seconds_count{operation=\"GET_OBJECT\"}"));
        assertEquals(4, delta(before, after, "volumegate_request_duration_seconds_bucket{operation=\"GET_OBJECT\",le=\"+Inf\"}"));
        assertTrue(value(after, "volumegate_requests_in_flight") >= 1, "the scrape itself is in flight");
        assertTrue(value(after, "volumegate_volume_usable_bytes{root=\"volume\"}") > 0);
        assertTrue(value(after, "volumegate_volume_total_bytes{root=\"volume\"}") > 0);
        assertTrue(after.contains("\njvm_memory_used_bytes{"), "JVM meters");
        assertTrue(after.contains("\njvm_gc_"), "GC meters");
        assertTrue(after.contains("volumegate_access_log_dropped_total 0.0"), "no access-log line dropped");
        assertEquals(1, delta(before, after, "volumegate_requests_total{operation=\"METRICS\",status=\"2xx\"}"),
                "the first scrape is counted once it ended");
    }

    @Test
    void fsyncsListingEntriesAndKeystoreReloadsMoveAsTheVolumeWorks() throws Exception {
        S3Client s3 = server.s3();
        String bucket = BUCKET + "-storage";
        s3.createBucket(b -> b.bucket(bucket));
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String before = scrape(null);

        for (String key : new String[] {"a.txt", "b.txt", "dir/c.txt"}) {
            s3.putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        ListObjectsV2Response listed = s3.listObjectsV2(b -> b.bucket(bucket).delimiter("/"));
        assertEquals(3, listed.contents().size() + listed.commonPrefixes().size(), "a.txt, b.txt and dir/");
        ListObjectVersionsResponse versions = s3.listObjectVersions(b -> b.bucket(bucket));
        assertEquals(3, versions.versions().size());
        String afterWork = scrape(null);

        assertTrue(delta(before, afterWork, "volumegate_fsync_seconds_count{target=\"file\"}") >= 3, "each PUT's data is fsynced");
        assertTrue(delta(before, afterWork, "volumegate_fsync_seconds_sum{target=\"file\"}") > 0, "and that took time");
        assertTrue(delta(before, afterWork, "volumegate_fsync_seconds_count{target=\"directory\"}") >= 3, "and the rename into its folder");
        assertEquals(3, delta(before, afterWork, "volumegate_listing_entries_total{listing=\"objects\"}"));
        assertEquals(3, delta(before, afterWork, "volumegate_listing_entries_total{listing=\"versions\"}"));

        // Another node (the test, here) changes the shared keystore: the server reads it again at its next request.
        Credential temporary = server.keyring().create(Set.of(bucket), true, false, "metricsit");
        try {
            double reloads = 0;
            for (long deadline = System.nanoTime() + 10_000_000_000L; reloads < 1 && System.nanoTime() < deadline; Thread.sleep(200)) {
                s3.listBuckets();
                reloads = delta(afterWork, scrape(null), "volumegate_keystore_reloads_total");
            }
            assertEquals(1, reloads, "the changed keystore was read once");
        } finally {
            server.keyring().delete(temporary.accessKeyId());
        }
    }

    @Test
    void theTokenOpensTheMetricsAndTheyAreNotS3() throws Exception {
        HttpResponse<String> withToken = get("Bearer " + TOKEN);
        assertEquals(200, withToken.statusCode());
        String contentType = withToken.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("text/plain") && contentType.contains("version=0.0.4"), contentType);
        assertTrue(withToken.body().contains("# TYPE volumegate_requests_total counter"), withToken.body());
        // From loopback a wrong token does not matter: the address is on the allow-list.
        assertEquals(200, get("Bearer wrong").statusCode());
        assertFalse(withToken.body().contains(TOKEN), "the token is not in the metrics");
    }

    private String scrape(String authorization) throws Exception {
        return PrometheusScrape.scrape(server.http(), server.uri("/-/metrics"), authorization);
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        return PrometheusScrape.get(server.http(), server.uri("/-/metrics"), authorization);
    }
}
