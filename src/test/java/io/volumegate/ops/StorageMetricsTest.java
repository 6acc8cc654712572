package io.volumegate.ops;

import io.volumegate.storage.Bucket;
import io.volumegate.storage.ListQuery;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.TestBuckets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.volumegate.ops.RequestMetricsTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storage's and the keyring's totals as Prometheus reads them: fsyncs, listing entries, keystore reloads. */
class StorageMetricsTest {
    @TempDir
    Path root;

    @Test
    void fsyncsListingsAndReloadsMoveTheirMeters() throws Exception {
        AtomicLong reloads = new AtomicLong(1);
        try (RequestMetrics metrics = new RequestMetrics(Map.of())) {
            metrics.bind(new StorageMetrics(reloads::get)); // the method reference lives nowhere else
            System.gc();
            String before = metrics.scrape();
            assertEquals(1, sample(before, "volumegate_keystore_reloads_total"));

            Bucket bucket = TestBuckets.open(root);
            PendingUpload upload = bucket.beginUpload("x");
            upload.write(new byte[4096], 0, 4096);
            upload.seal(); // one fsync of a file
            upload.abort();
            Files.createDirectories(root.resolve("dir"));
            Files.writeString(root.resolve("a.txt"), "a");
            Files.writeString(root.resolve("b.txt"), "b");
            Files.writeString(root.resolve("dir/c.txt"), "c");
            bucket.list(new ListQuery("", "/", null, 1000)); // a.txt, b.txt and dir/: three entries
            reloads.incrementAndGet();

            String after = metrics.scrape();
            assertEquals(1, delta(before, after, "volumegate_fsync_seconds_count{target=\"file\"}"));
            assertTrue(delta(before, after, "volumegate_fsync_seconds_sum{target=\"file\"}") > 0, "its time");
            assertEquals(3, delta(before, after, "volumegate_listing_entries_total{listing=\"objects\"}"));
            assertEquals(0, delta(before, after, "volumegate_listing_entries_total{listing=\"versions\"}"));
            assertEquals(2, sample(after, "volumegate_keystore_reloads_total"));
            assertTrue(after.contains("# TYPE volumegate_fsync_seconds summary"), "a summary of count and sum");
            assertTrue(sample(after, "volumegate_fsync_seconds_count{target=\"directory\"}") >= 0, "directories too");
        }
    }

    private static double delta(String before, String after, String name) {
        return sample(after, name) - sample(before, name);
    }
}
