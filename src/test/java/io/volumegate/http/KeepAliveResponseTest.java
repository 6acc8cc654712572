package io.volumegate.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeepAliveResponseTest {
    private static final byte[] RESULT = ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<CompleteMultipartUploadResult><ETag>x-2</ETag></CompleteMultipartUploadResult>").getBytes(StandardCharsets.UTF_8);
    private static final Duration TICK = Duration.ofMillis(20);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FakeHttp http = new FakeHttp();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void aQuickAnswerGoesOutAsUsual() throws Exception {
        KeepAliveResponse response = KeepAliveResponse.start(http.exchange(), timer, Duration.ofSeconds(10), TICK);
        response.succeed(RESULT, "application/xml");
        awaitCompleted();
        assertEquals(new String(RESULT, StandardCharsets.UTF_8), http.body());
        assertEquals(String.valueOf(RESULT.length), http.headers.get("content-length"));
    }

    @Test
    void aQuickFailureKeepsItsStatus() throws Exception {
        KeepAliveResponse response = KeepAliveResponse.start(http.exchange(), timer, Duration.ofSeconds(10), TICK);
        response.fail(S3Error.ENTITY_TOO_SMALL.exception());
        awaitCompleted();
        assertEquals(400, http.status);
        assertTrue(http.body().contains("<Code>EntityTooSmall</Code>"), http.body());
    }

    @Test
    void aSlowAnswerSends200AtOnceThenSpacesThenTheDocument() throws Exception {
        KeepAliveResponse response = KeepAliveResponse.start(http.exchange(), timer, Duration.ZERO, TICK);
        assertTrue(http.body().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), "declaration first: " + http.body());
        assertTrue(http.output.flushes > 0, "and flushed, so the client sees the 200 now");
        Thread.sleep(TICK.toMillis() * 6);
        response.succeed(RESULT, "application/xml");
        awaitCompleted();

        String body = http.body();
        assertEquals(200, http.status);
        assertFalse(http.headers.containsKey("content-length"), "length unknown when the 200 left");
        String between = body.substring(body.indexOf("?>") + 2, body.indexOf("<CompleteMultipartUploadResult>"));
        assertTrue(between.isBlank() && between.contains("  "), "keep-alive spaces: [" + between + "]");
        assertEquals(1, body.split("<\\?xml", -1).length - 1, "one declaration: " + body);
        assertTrue(body.endsWith("<CompleteMultipartUploadResult><ETag>x-2</ETag></CompleteMultipartUploadResult>"), body);
    }

    @Test
    void aGracePeriodDelaysTheEarly200() throws Exception {
        KeepAliveResponse response = KeepAliveResponse.start(http.exchange(), timer, Duration.ofMillis(100), TICK);
        assertEquals("", http.body());
        Thread.sleep(300);
        assertTrue(http.body().startsWith("<?xml"), "streaming after the grace period");
        response.succeed(RESULT, "application/xml");
        awaitCompleted();
    }

    @Test
    void aSlowFailureArrivesAsAnErrorDocumentInsideThe200() throws Exception {
        KeepAliveResponse response = KeepAliveResponse.start(http.exchange(), timer, Duration.ZERO, TICK);
        response.fail(S3Error.EXISTING_OBJECT_IS_DIRECTORY.exception());
        awaitCompleted();
        assertEquals(200, http.status);
        String body = http.body();
        assertTrue(body.matches("(?s)<\\?xml version=\"1.0\" encoding=\"UTF-8\"\\?>\\s*<Error><Code>ExistingObjectIsDirectory</Code>.*"),
                body);
    }

    @Test
    void spacesDoNotPileUpBehindASlowReader() throws Exception {
        KeepAliveResponse response = KeepAliveResponse.start(http.exchange(), timer, Duration.ZERO, TICK);
        http.output.ready(false);
        Thread.sleep(TICK.toMillis() * 10);
        http.output.ready(true);
        response.succeed(RESULT, "application/xml");
        awaitCompleted();
        String body = http.body();
        String between = body.substring(body.indexOf("?>") + 2, body.indexOf("<Complete"));
        assertTrue(between.length() <= 3, "at most the one queued space (+ newline) while blocked: [" + between + "]");
    }

    @Test
    void aClientThatLeftStillEndsTheExchange() throws Exception {
        KeepAliveResponse response = KeepAliveResponse.start(http.exchange(), timer, Duration.ZERO, TICK);
        http.output.broken();
        response.succeed(RESULT, "application/xml");
        awaitCompleted();
    }

    @Test
    void stripsOnlyAnXmlDeclaration() {
        assertEquals("<a/>", new String(KeepAliveResponse.withoutDeclaration("<?xml version=\"1.0\"?><a/>".getBytes()), StandardCharsets.UTF_8));
        assertEquals("<a/>", new String(KeepAliveResponse.withoutDeclaration("<a/>".getBytes()), StandardCharsets.UTF_8));
    }

    private void awaitCompleted() throws InterruptedException {
        assertTrue(http.completed.await(5, TimeUnit.SECONDS), "the exchange ended");
    }
}
