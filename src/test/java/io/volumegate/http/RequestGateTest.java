package io.volumegate.http;

import io.volumegate.config.Config;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The gate a shutdown closes: requests in flight counted to their end, new ones answered 503 and never served. */
class RequestGateTest {
    private final RequestGate gate = new RequestGate();
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
    void onceClosedAnS3RequestIsRefusedWithServiceUnavailableAndTheConnectionClosed() throws Exception {
        gate.close();
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
        gate.close();
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
        gate.close();
        assertFalse(gate.enter(), "closed");
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

    private RequestContextFilter filter() {
        RequestContextFilter filter = new RequestContextFilter();
        filter.config = new Config();
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
