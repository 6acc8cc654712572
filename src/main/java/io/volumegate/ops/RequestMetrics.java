package io.volumegate.ops;

import io.volumegate.objects.BucketService;
import io.volumegate.objects.QuotaService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Prometheus registry and the request meters. Meters are looked up once per operation
 * (and error code) and kept: a request costs a few map reads and atomic adds.
 *
 * <pre>
 * volumegate_requests_total{operation,status="2xx"}       requests by operation and status class
 * volumegate_request_duration_seconds{operation}           latency histogram (fixed buckets)
 * volumegate_received_bytes_total{operation}               request body bytes
 * volumegate_sent_bytes_total{operation}                   response body bytes
 * volumegate_requests_in_flight                            requests started and not yet ended
 * volumegate_errors_total{code}                            error answers by S3 (or API) error code
 * volumegate_access_log_dropped_total                      access-log lines dropped (writer behind)
 * volumegate_fsync_seconds_*, volumegate_listing_entries_total, volumegate_keystore_reloads_total
 *                                                          see {@link StorageMetrics}
 * volumegate_volume_usable_bytes{root}, _total_bytes{root} free and total space of the volume and
 *                                                          of each bound bucket's directory
 * volumegate_bucket_usage_bytes{bucket}, _objects{bucket}  each bucket's usage and quota ({@link BucketUsageMeters})
 * jvm_*, process_*, system_*                               Micrometer's JVM, GC and process meters
 * </pre>
 */
final class RequestMetrics implements AutoCloseable {
    /** Latency buckets: from a small GET answered from the page cache to a long Complete. */
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(300)};
    private static final String[] STATUS_CLASSES = {"1xx", "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, OperationMeters> operations = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter accessLogDropped;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<MeterBinder> bound = new CopyOnWriteArrayList<>();

    /** @param roots the directories whose space to report, by name ("volume", or a bound bucket's name) */
    RequestMetrics(Map<String, Path> roots) {
        Gauge.builder("volumegate.requests.in.flight", inFlight, AtomicInteger::get)
                .description("Requests started and not yet ended").register(registry);
        accessLogDropped = Counter.builder("volumegate.access.log.dropped")
                .description("Access-log lines dropped because the writer fell behind").register(registry);
        roots.forEach((name, path) -> {
            space("volumegate.volume.usable", "Space the server may still write", name, path, FileStore::getUsableSpace);
            space("volumegate.volume.total", "Size of the filesystem", name, path, FileStore::getTotalSpace);
        });
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private void space(String name, String description, String root, Path path, SpaceFigure figure) {
        Gauge.builder(name, path, p -> space(p, figure)).baseUnit("bytes").description(description).tag("root", root)
                .register(registry);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void ended(String operation, int status, String errorCode, long bytesIn, long bytesOut, long nanos) {
        inFlight.decrementAndGet();
        OperationMeters meters = operations.computeIfAbsent(operation, OperationMeters::new);
        meters.status(status).increment();
        meters.duration.record(nanos, TimeUnit.NANOSECONDS);
        if (bytesIn > 0) meters.received.increment(bytesIn);
        if (bytesOut > 0) meters.sent.increment(bytesOut);
        if (errorCode != null) {
            errors.computeIfAbsent(errorCode, code -> Counter.builder("volumegate.errors").tag("code", code)
                    .description("Error answers by error code").register(registry)).increment();
        }
    }

    /** Adds meters that read their values from elsewhere (storage's totals, the keyring's). */
    void bind(MeterBinder binder) {
        binder.bindTo(registry);
        // Function meters hold what they read weakly: kept here, a binder's state (a method
        // reference, say) lives as long as the registry instead of until the next GC.
        bound.add(binder);
    }

    void accessLogDropped() {
        accessLogDropped.increment();
    }

    /** The Prometheus text format (version 0.0.4). */
    String scrape() {
        BucketUsageMeters usage = bucketUsage;
        if (usage != null) usage.refresh();
        return registry.scrape();
    }

    private volatile BucketUsageMeters bucketUsage;

    /** Reports each bucket's usage and quota, read at every scrape. */
    void reportBucketUsage(BucketService buckets, QuotaService quotas) {
        bucketUsage = new BucketUsageMeters(registry, buckets, quotas);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private final class OperationMeters {
        private final String operation;
        private final Counter[] statuses = new Counter[STATUS_CLASSES.length];
        final Timer duration;
        final Counter received;
        final Counter sent;

        OperationMeters(String operation) {
            this.operation = operation;
            duration = Timer.builder("volumegate.request.duration").tag("operation", operation)
                    .description("Time from a request's arrival to the end of its answer")
                    .serviceLevelObjectives(BUCKETS).register(registry);
            received = Counter.builder("volumegate.received").baseUnit("bytes").tag("operation", operation)
                    .description("Request body bytes received").register(registry);
            sent = Counter.builder("volumegate.sent").baseUnit("bytes").tag("operation", operation)
                    .description("Response body bytes sent").register(registry);
        }

        Counter status(int status) {
            int index = status >= 100 && status < 600 ? status / 100 : 5;
            Counter counter = statuses[index];
            if (counter == null) {
                // Registering is idempotent: two threads racing here get the same counter.
                statuses[index] = counter = Counter.builder("volumegate.requests").tag("operation", operation)
                        .tag("status", STATUS_CLASSES[index]).description("Requests by operation and status class")
                        .register(registry);
            }
            return counter;
        }
    }

    /** One figure of a filesystem's space. */
    @FunctionalInterface
    private interface SpaceFigure {
        long of(FileStore store) throws IOException;
    }

    /** A figure of the filesystem holding {@code path}; NaN while it cannot be read (a missing mount). */
    private static double space(Path path, SpaceFigure figure) {
        try {
            return figure.of(Files.getFileStore(path));
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
