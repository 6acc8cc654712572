package io.volumegate.http;

import io.volumegate.config.Config;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gate a shutdown closes: requests in flight counted to their end, new ones answered 503 and
 * never served, those in flight given the grace period, then cut off.
 */
class RequestGateTest {
    private final AtomicInteger cutOffs = new AtomicInteger();
    private final RequestGate gate = gate(Duration.ofSeconds(30));
    private final List<Integer> ended = new ArrayList<>();

    @Test
    void aRequestIsInFlightUntilItsAnswerEnds() throws Exception {
        FakeHttp http = new FakeHttp();
        filter().doFilter(http.request, http.response, (request, response) -> {
            assertEquals(1, gate.inFlight(), "counted while the chain serves it");
            ((HttpServletResponse) response).setStatus(204);
        });
        assertEquals(0, gate.inFlight());
        assertEquals(List.of(204), ended, "the observer heard of its end");
    }

    @Test
    void anIdleServerStopsAtOnce() {
        long start = System.nanoTime();
        gate.drain();
        assertTrue(gate.isClosed());
        assertTrue(elapsedMillis(start) < 1_000, elapsedMillis(start) + " ms");
        assertEquals(0, cutOffs.get());
    }

    @Test
    void requestsThatFinishWithinTheGraceAreLeftAlone() throws Exception {
        assertTrue(gate.enter());
        Thread stopping = new Thread(gate::drain);
        stopping.start();
        while (!gate.isClosed()) Thread.sleep(5);
        assertFalse(gate.enter(), "new requests are refused meanwhile");
        Thread.sleep(100);
        assertTrue(stopping.isAlive(), "the drain waits for the request in flight");

        gate.leave();
        stopping.join(5_000);
        assertFalse(stopping.isAlive(), "and goes on when it ended");
        assertEquals(0, cutOffs.get(), "nothing was cut off");
    }

    @Test
    void whatStillRunsAfterTheGraceIsCutOffAndASecondDrainFindsItDone() {
        RequestGate shortGrace = gate(Duration.ofMillis(300));
        assertTrue(shortGrace.enter());

        long start = System.nanoTime();
        shortGrace.drain();
        long took = elapsedMillis(start);
        assertTrue(took >= 300, "the grace period first: " + took + " ms");
        assertTrue(took < 300 + RequestGate.AFTER_CUT_OFF.toMillis() + 1_000, took + " ms");
        assertEquals(1, cutOffs.get(), "then the cut-off");

        start = System.nanoTime();
        shortGrace.drain(); // the listener's end, after the filter's
        assertTrue(elapsedMillis(start) < 100, "done already");
        assertEquals(1, cutOffs.get());
        shortGrace.leave();
    }

    @Test
    void onceClosedAnS3RequestIsRefusedWithServiceUnavailableAndTheConnectionClosed() throws Exception {
        gate.drain();
        FakeHttp http = new FakeHttp();
        filter().doFilter(http.request, http.response, (request, response) -> fail("served after the gate closed"));
        assertEquals(503, http.status);
        assertEquals("close", http.headers.get("connection"));
        assertTrue(http.body().contains("<Code>ServiceUnavailable</Code>"), http.body());
        assertTrue(http.body().contains("<Message>The server is shutting down; retry the request.</Message>"), http.body());
        assertTrue(http.body().contains("<RequestId>" + http.headers.get("x-amz-request-id") + "</RequestId>"), http.body());
        assertEquals(0, gate.inFlight(), "a refused request is not in flight");
        assertEquals(List.of(503), ended, "refusals are measured and logged like any answer");
    }

    @Test
    void theManagementApiIsRefusedInItsOwnJsonShape() throws Exception {
        gate.drain();
        FakeHttp http = new FakeHttp();
        http.requestUri = "/api/v1/buckets";
        filter().doFilter(http.request, http.response, (request, response) -> fail("served after the gate closed"));
        assertEquals(503, http.status);
        assertEquals("close", http.headers.get("connection"));
        assertEquals("application/json", http.headers.get("content-type"));
        assertEquals("{\"code\":\"ServiceUnavailable\",\"message\":\"The server is shutting down; retry the request.\"}", http.body());
    }

    @Test
    void awaitingIdleReturnsWhenTheLastRequestLeavesOrTellsHowManyAreLeft() throws Exception {
        assertTrue(gate.enter());
        assertTrue(gate.enter());
        assertEquals(2, gate.awaitIdle(Duration.ofMillis(50)));
        gate.leave();
        new Thread(() -> {
            sleep(100);
            gate.leave();
        }).start();
        long start = System.nanoTime();
        assertEquals(0, gate.awaitIdle(Duration.ofSeconds(10)));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000, "woken by the last leave, not the timeout");
    }

    private RequestGate gate(Duration grace) {
        return new RequestGate(grace, "volumegate.shutdown.grace-seconds", () -> {
            cutOffs.incrementAndGet();
            return 1;
        });
    }

    private static long elapsedMillis(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** The stall timeouts' timer every request is given; started by {@link #filter()}. */
    private final KeepAliveTimer timer = new KeepAliveTimer();

    @AfterEach
    void stopTimer() {
        if (timer.scheduler() != null) timer.stop();
    }

    private RequestContextFilter filter() {
        RequestContextFilter filter = new RequestContextFilter();
        filter.config = new Config();
        if (timer.scheduler() == null) timer.start();
        filter.timer = timer;
        filter.gate = gate;
        filter.observer = new RequestObserver() {
            @Override
            public void started(RequestContext context) { }

            @Override
            public void ended(HttpServletRequest request, HttpServletResponse response, RequestContext context) {
                ended.add(response.getStatus());
            }
        };
        return filter;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
