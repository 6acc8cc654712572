package io.volumegate.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestMetricsTest {
    @TempDir
    Path volume;

    /** The value of the one sample named so in the scrape, or NaN. */
    static double sample(String scrape, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void requestsMoveTheirMeters() {
        try (RequestMetrics metrics = new RequestMetrics(Map.of("volume", volume))) {
            metrics.started();
            metrics.started();
            assertEquals(2, sample(metrics.scrape(), "volumegate_requests_in_flight"));
            metrics.ended("GET_OBJECT", 200, null, 0, 1000, 3_000_000);
            metrics.ended("GET_OBJECT", 404, "NoSuchKey", 0, 250, 700_000);
            metrics.started();
            metrics.ended("PUT_OBJECT", 200, null, 5000, 0, 40_000_000);
            metrics.accessLogDropped();

            String scrape = metrics.scrape();
            Map<String, Double> expected = Map.of(
                    "volumegate_requests_in_flight", 0.0,
                    "volumegate_requests_total{operation=\"GET_OBJECT\",status=\"2xx\"}", 1.0,
                    "volumegate_requests_total{operation=\"GET_OBJECT\",status=\"4xx\"}", 1.0,
                    "volumegate_requests_total{operation=\"PUT_OBJECT\",status=\"2xx\"}", 1.0,
                    "volumegate_errors_total{code=\"NoSuchKey\"}", 1.0,
                    "volumegate_sent_bytes_total{operation=\"GET_OBJECT\"}", 1250.0,
                    "volumegate_received_bytes_total{operation=\"PUT_OBJECT\"}", 5000.0,
                    "volumegate_access_log_dropped_total", 1.0,
                    // The histogram: 0.7 ms and 3 ms; buckets are cumulative.
                    "volumegate_request_duration_seconds_bucket{operation=\"GET_OBJECT\",le=\"0.001\"}", 1.0);
            expected.forEach((name, value) -> assertEquals(value, sample(scrape, name), name));
            assertEquals(1, sample(scrape, "volumegate_request_duration_seconds_bucket{operation=\"GET_OBJECT\",le=\"0.002\"}"));
            assertEquals(2, sample(scrape, "volumegate_request_duration_seconds_bucket{operation=\"GET_OBJECT\",le=\"0.005\"}"));
            assertEquals(2, sample(scrape, "volumegate_request_duration_seconds_count{operation=\"GET_OBJECT\"}"));
            assertEquals(0.0037, sample(scrape, "volumegate_request_duration_seconds_sum{operation=\"GET_OBJECT\"}"), 1e-9);
            assertTrue(sample(scrape, "volumegate_volume_usable_bytes{root=\"volume\"}") > 0, scrape);
            assertTrue(sample(scrape, "volumegate_volume_total_bytes{root=\"volume\"}") > 0, scrape);
            assertTrue(scrape.contains("jvm_memory_used_bytes{"), "JVM meters");
            assertTrue(scrape.contains("jvm_gc_"), "GC meters");
        }
    }

    @Test
    void aMissingVolumeReportsNoSpaceFigureRatherThanFailingTheScrape() {
        try (RequestMetrics metrics = new RequestMetrics(Map.of("volume", volume.resolve("unmounted")))) {
            assertTrue(Double.isNaN(sample(metrics.scrape(), "volumegate_volume_usable_bytes{root=\"volume\"}")));
        }
    }
}
