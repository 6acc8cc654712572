package io.volumegate.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A transfer that moves is left alone; one that stops for the limit is ended once; 0 never ends one. */
class StallTimeoutTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aStalledTransferIsEndedOnceAndAMovingOneIsNot() throws Exception {
        StallTimeout timeout = new StallTimeout(timer, Runnable::run, Duration.ofMillis(600));
        CountDownLatch stalled = new CountDownLatch(1);
        AtomicInteger stalls = new AtomicInteger();
        StallTimeout.Watch idle = timeout.watch(() -> {
            stalls.incrementAndGet();
            stalled.countDown();
        });
        AtomicInteger movingStalls = new AtomicInteger();
        StallTimeout.Watch moving = timeout.watch(movingStalls::incrementAndGet);
        for (int i = 0; i < 12; i++) { // 1.2 s, twice the limit, with a byte every 100 ms
            moving.progress();
            Thread.sleep(100);
        }
        moving.stop();
        assertTrue(stalled.await(5, TimeUnit.SECONDS));
        Thread.sleep(700);
        assertEquals(1, stalls.get(), "ended once");
        assertEquals(0, movingStalls.get(), "a slow but moving transfer goes on, and a stopped watch never fires");
    }

    @Test
    void zeroWaitsForEver() throws Exception {
        AtomicInteger stalls = new AtomicInteger();
        new StallTimeout(timer, Runnable::run, Duration.ZERO).watch(stalls::incrementAndGet);
        StallTimeout.NONE.watch(stalls::incrementAndGet);
        Thread.sleep(400);
        assertEquals(0, stalls.get());
    }
}
