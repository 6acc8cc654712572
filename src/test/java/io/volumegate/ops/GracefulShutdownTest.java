package io.volumegate.ops;

import io.volumegate.http.RequestGate;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.TestBuckets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application's end: new requests refused, those in flight given the grace period, then cut off. */
class GracefulShutdownTest {
    @TempDir
    Path root;

    private final RequestGate gate = new RequestGate();
    private final GracefulShutdown shutdown = new GracefulShutdown();

    GracefulShutdownTest() {
        shutdown.gate = gate;
    }

    @Test
    void anIdleServerStopsAtOnce() {
        long start = System.nanoTime();
        shutdown.run(Duration.ofSeconds(30));
        assertTrue(gate.isClosed());
        assertTrue(elapsedMillis(start) < 1_000, elapsedMillis(start) + " ms");
    }

    @Test
    void aRequestThatFinishesWithinTheGraceIsLeftAlone() throws Exception {
        assertTrue(gate.enter());
        PendingUpload upload = TestBuckets.open(root).beginUpload("a.bin");
        Thread stopping = new Thread(() -> shutdown.run(Duration.ofSeconds(30)));
        stopping.start();
        while (!gate.isClosed()) Thread.sleep(5);
        assertFalse(gate.enter(), "new requests are refused meanwhile");

        upload.write(new byte[100], 0, 100); // the upload goes on
        upload.seal();
        gate.leave();
        stopping.join(5_000);
        assertFalse(stopping.isAlive(), "the shutdown went on when the last request ended");
        assertTrue(Files.exists(upload.tempFile()), "nothing was cut off");
        upload.abort();
    }

    @Test
    void whatStillRunsAfterTheGraceIsCutOff() throws Exception {
        assertTrue(gate.enter());
        PendingUpload upload = TestBuckets.open(root).beginUpload("a.bin");
        upload.write(new byte[100], 0, 100);

        long start = System.nanoTime();
        shutdown.run(Duration.ofMillis(300));

        assertTrue(elapsedMillis(start) >= 300, "the grace period first: " + elapsedMillis(start) + " ms");
        assertTrue(elapsedMillis(start) < 300 + GracefulShutdown.AFTER_CUT_OFF.toMillis() + 1_000, elapsedMillis(start) + " ms");
        assertFalse(Files.exists(upload.tempFile()), "the unfinished upload's temp file is gone");
        StorageException next = assertThrows(StorageException.class, () -> upload.write(new byte[1], 0, 1));
        assertEquals(StorageException.Reason.SHUTTING_DOWN, next.reason());
        gate.leave();
    }

    private static long elapsedMillis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
