package io.volumegate.ops;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessLogTest {
    private static AccessRecord record(String id) {
        return new AccessRecord(0, id, "127.0.0.1", "-", "GET", "/", "LIST_BUCKETS", null, null, 200, null, 0, 0, 1, null, null);
    }

    @Test
    void linesAreWrittenOnTheWritersThreadAndAllQueuedOnesBeforeClose() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AtomicInteger dropped = new AtomicInteger();
        AccessLog log = new AccessLog(AccessLogFormat.COMMON, 100, line -> {
            lines.add(line);
            threads.add(Thread.currentThread().getName());
        }, dropped::incrementAndGet);
        for (int i = 0; i < 50; i++) log.add(record("R" + i));
        log.close();

        assertEquals(50, lines.size());
        assertTrue(lines.get(49).contains(" R49 "), lines.get(49));
        assertEquals(List.of("volumegate-access-log"), threads.stream().distinct().toList());
        assertEquals(0, dropped.get());
    }

    @Test
    void aWriterThatCannotKeepUpLosesLinesNotTime() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicInteger dropped = new AtomicInteger();
        AccessLog log = new AccessLog(AccessLogFormat.JSON, 4, line -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lines.add(line);
        }, dropped::incrementAndGet);

        log.add(record("first"));
        assertTrue(writing.await(5, TimeUnit.SECONDS)); // the writer is stuck on the first line
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) log.add(record("R" + i));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        release.countDown();
        log.close();

        assertTrue(elapsedMillis < 1_000, "adding must not wait for the writer: " + elapsedMillis + " ms");
        assertEquals(96, dropped.get(), "a queue of 4 keeps 4 of 100");
        assertEquals(5, lines.size());
        assertNotEquals(0, dropped.get());
    }

    @Test
    void offWritesNothingAndCountsNothing() {
        AtomicInteger dropped = new AtomicInteger();
        List<String> lines = new CopyOnWriteArrayList<>();
        AccessLog log = new AccessLog(AccessLogFormat.OFF, 1, lines::add, dropped::incrementAndGet);
        for (int i = 0; i < 10; i++) log.add(record("R" + i));
        log.close();
        assertEquals(List.of(), lines);
        assertEquals(0, dropped.get());
    }
}
