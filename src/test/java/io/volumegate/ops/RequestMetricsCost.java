package io.volumegate.ops;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What recording one request costs, alone: {@code started} and {@code ended} on a registry
 * with the meters of a few operations, timed over millions of calls. Not a test (no *Test
 * name); run with {@code java -cp target/test-classes:target/classes:<test classpath>
 * io.volumegate.ops.RequestMetricsCost}. Compare with the server CPU per small GET that
 * {@code src/test/scripts/bench-small-get.sh} prints.
 */
public final class RequestMetricsCost {
    private RequestMetricsCost() {}

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        String[] operations = {"GET_OBJECT", "PUT_OBJECT", "HEAD_OBJECT", "LIST_OBJECTS_V2"};
        int[] statuses = {200, 200, 200, 404, 206, 304, 403};
        try (RequestMetrics metrics = new RequestMetrics(Map.of("volume", Path.of(".")))) {
            for (int round = 0; round < 5; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    metrics.started();
                    int status = statuses[i % statuses.length];
                    metrics.ended(operations[i & 3], status, status == 404 ? "NoSuchKey" : null, 0, 1024, 300_000 + (i & 0xFFFF) * 10L);
                }
                double nanos = (System.nanoTime() - start) / (double) calls;
                System.out.printf(Locale.ROOT, "round %d: %.0f ns per request recorded%n", round + 1, nanos);
            }
            if (metrics.scrape().isEmpty()) throw new IllegalStateException();
        }
    }
}
