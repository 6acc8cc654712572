package io.volumegate.it;

import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A server stopped as an orchestrator stops it, by SIGTERM, while a 200 MiB upload streams in:
 * Payara Micro's shutdown hook undeploys the application, whose end closes the gate to new
 * requests (503, {@code Connection: close}) and waits for the requests in flight, up to
 * {@code volumegate.shutdown.grace-seconds}. Within the grace the upload completes and the object
 * is on the volume, byte for byte; past it (a client that stalled) the upload is cut off: no temp
 * file, no object. Each case starts its own Payara Micro (as {@code java -jar payara-micro.jar}
 * with the project's preboot commands), under target/graceful-shutdown/.
 */
class GracefulShutdownIT {
    private static final String BUCKET = "gracefulshutdownit";
    private static final long SIZE = 200L * 1024 * 1024;

    private static Path work;
    private PayaraMicroProcess server;
    private ThrottledStream body;

    /** Each case has a folder of its own in here, kept after the run: its server.log is the evidence. */
    @BeforeAll
    static void freshFolder() throws IOException {
        Path target = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).toAbsolutePath().getParent();
        work = target.resolve("graceful-shutdown");
        if (Files.exists(work)) PathUtils.deleteDirectory(work);
    }

    @AfterEach
    void stopWhatIsLeft() {
        if (body != null) body.release();
        if (server != null) server.close();
    }

    @Test
    void anUploadInFlightCompletesWithinTheGracePeriodWhileNewRequestsAreRefused() throws Exception {
        Path volume = work.resolve("grace/volume");
        server = PayaraMicroProcess.start(work.resolve("grace"), volume, PayaraMicroProcess.projectPrebootCommands(),
                Map.of("volumegate.shutdown.grace-seconds", "60"));
        server.s3().createBucket(b -> b.bucket(BUCKET));

        // 200 MiB at 25 MiB/s: about 8 s on the wire, so it is well in flight when SIGTERM comes.
        body = new ThrottledStream(17, SIZE, 25L * 1024 * 1024, Long.MAX_VALUE);
        CompletableFuture<HttpResponse<String>> upload = put("big.bin", body);
        awaitBytes(body, 40L * 1024 * 1024, upload);

        long signalled = System.nanoTime();
        server.terminate();
        HttpResponse<String> refused = awaitRefusal();
        // Payara stops routing to an application it undeploys and answers new requests itself:
        // 503 (its HTML page, not an S3 document), Connection: close. SDKs retry a 503.
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("close", refused.headers().firstValue("Connection").orElse(""), "the client is told not to reuse the connection");
        assertFalse(upload.isDone(), "the upload was still in flight while new requests were refused");

        HttpResponse<String> answer = upload.get(60, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        String md5 = body.md5Hex();
        assertEquals('"' + md5 + '"', answer.headers().firstValue("ETag").orElse(""));
        assertTrue(server.process().waitFor(60, TimeUnit.SECONDS), "the server stops once the upload is done");
        long stoppedAfter = Duration.ofNanos(System.nanoTime() - signalled).toMillis();

        Path object = volume.resolve(BUCKET).resolve("big.bin");
        assertEquals(SIZE, Files.size(object));
        assertEquals(md5, md5(object), "the object's bytes on the volume");
        assertEquals(List.of(), tempFiles(volume));
        String log = server.logText();
        assertTrue(log.contains("shutting down: new requests are refused; waiting up to 60 s for the"), server.tail());
        assertTrue(log.contains("shutting down: every request in flight finished"), server.tail());
        assertFalse(log.contains(ContainerEndpointsIT.WARNING), "the project's preboot commands turn the container's endpoints off");
        System.out.println("GracefulShutdownIT: SIGTERM to exit " + stoppedAfter + " ms, the upload in flight completed");
    }

    @Test
    void aStalledUploadIsCutOffCleanlyWhenTheGracePeriodEnds() throws Exception {
        Path volume = work.resolve("cut-off/volume");
        server = PayaraMicroProcess.start(work.resolve("cut-off"), volume, PayaraMicroProcess.projectPrebootCommands(),
                Map.of("volumegate.shutdown.grace-seconds", "2"));
        server.s3().createBucket(b -> b.bucket(BUCKET));

        // 200 MiB announced, 30 MiB sent, then the client stalls.
        body = new ThrottledStream(23, SIZE, 50L * 1024 * 1024, 30L * 1024 * 1024);
        CompletableFuture<HttpResponse<String>> upload = put("stalled.bin", body);
        awaitBytes(body, 30L * 1024 * 1024, upload);
        Thread.sleep(500); // the server has written what was sent into its temp file
        assertEquals(1, tempFiles(volume).size(), "the upload streams into a temp file");

        long signalled = System.nanoTime();
        server.terminate();
        assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server stops once the grace period is over");
        long stoppedAfter = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
        assertTrue(stoppedAfter >= 2_000, "it waited the grace period first: " + stoppedAfter + " ms");

        assertEquals(List.of(), tempFiles(volume), "no temp file is left");
        assertFalse(Files.exists(volume.resolve(BUCKET).resolve("stalled.bin")), "no partial object");
        try {
            HttpResponse<String> answer = upload.get(10, TimeUnit.SECONDS);
            assertEquals(503, answer.statusCode(), "if the client hears anything, it is a retryable 503: " + answer.body());
        } catch (java.util.concurrent.ExecutionException closed) {
            // the connection ended under the stalled body: what a client of a stopped server sees
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
            // the client never hears, as from any server that went away
        }
        String log = server.logText();
        assertTrue(log.contains("shutting down: new requests are refused; waiting up to 2 s for the 1 in flight"), server.tail());
        assertTrue(log.contains("1 requests still in flight after the grace period of 2 s (volumegate.shutdown.grace-seconds) are cut off;"
                + " unfinished uploads removed, nothing of them kept: 1"), server.tail());
        System.out.println("GracefulShutdownIT: SIGTERM to exit " + stoppedAfter + " ms, the stalled upload cut off");
    }

    /** PUTs the stream through a presigned URL (UNSIGNED-PAYLOAD), with its Content-Length. */
    private CompletableFuture<HttpResponse<String>> put(String key, InputStream content) {
        URI url;
        try (S3Presigner presigner = server.presigner()) {
            url = URI.create(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                    .putObjectRequest(o -> o.bucket(BUCKET).key(key))).url().toString());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> content), SIZE))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitBytes(ThrottledStream body, long bytes, CompletableFuture<?> upload) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (body.bytesRead() < bytes) {
            if (upload.isDone()) fail("the upload ended early: " + upload.get());
            if (System.nanoTime() > deadline) fail("only " + body.bytesRead() + " bytes sent in 60 s");
            Thread.sleep(20);
        }
    }

    /**
     * A new request, on a new connection, once the shutdown began: retried for a few seconds,
     * since the signal takes a moment to reach the application.
     */
    private HttpResponse<String> awaitRefusal() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(server.endpoint().resolve("/" + BUCKET + "/other.txt"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            last = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 503) return last;
            Thread.sleep(100);
        }
        fail("no 503 while shutting down; last answer: " + (last == null ? "none" : last.statusCode() + " " + last.body()));
        return null;
    }

    /** Whatever is in the bucket's temp folder, where uploads stream before they are renamed into place. */
    private static List<Path> tempFiles(Path volume) throws IOException {
        Path temp = volume.resolve(BUCKET).resolve(".volumegate").resolve("tmp");
        if (!Files.isDirectory(temp)) return List.of();
        try (Stream<Path> files = Files.list(temp)) {
            return files.toList();
        }
    }

    private static String md5(Path file) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) md5.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
