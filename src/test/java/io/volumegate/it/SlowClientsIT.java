package io.volumegate.it;

import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Slow and abusive clients against a server of its own (Payara Micro, the WAR as shipped, the
 * stall timeout set to {@value #STALL_SECONDS} s): a PUT whose body comes one byte a second and
 * then stops, 500 connections that send nothing, a GET of a 256 MiB object whose client stops
 * reading. During each, a normal client's 200 small GETs keep being answered (their p50/p99 are
 * printed beside a baseline; the bound asserted is generous, for a busy two-core machine).
 * Afterwards the server has freed what they held: the PUT's temp file, the GET's open file,
 * every connection (its socket count back to what it was), and its log has no stack trace.
 *
 * <p>Earlier abusers stay connected while later ones are measured, until their timeouts end
 * them: the run waits for all those timeouts once, at the end, to stay short.
 */
class SlowClientsIT {
    private static final int STALL_SECONDS = 3;
    private static final String BUCKET = "slowclients";
    private static final int LARGE = 256 * 1024 * 1024;
    /** A small GET slower than this means the server stopped serving others. */
    private static final Duration SERVING_BOUND = Duration.ofSeconds(5);

    private static PayaraMicroNode node;
    private static S3Client s3;
    private static S3Presigner presigner;

    @BeforeAll
    static void startNode() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to count the server's open files and sockets");
        Path target = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).toAbsolutePath().getParent();
        Path work = target.resolve("slow-clients");
        if (Files.exists(work)) PathUtils.deleteDirectory(work);
        node = PayaraMicroNode.start(work, "node", Files.createDirectories(work.resolve("volume")),
                Map.of("volumegate.http.stall-timeout-seconds", String.valueOf(STALL_SECONDS)));
        s3 = node.s3();
        presigner = S3Presigner.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(PayaraMicroNode.ACCESS_KEY, PayaraMicroNode.SECRET_KEY)))
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("small.txt").acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x".repeat(1024)));
        // Objects are files: the large one is written straight to the volume.
        try (RandomAccessFile large = new RandomAccessFile(node.volume().resolve(BUCKET).resolve("large.bin").toFile(), "rw")) {
            large.setLength(LARGE);
        }
    }

    @AfterAll
    static void stopNode() {
        if (presigner != null) presigner.close();
        if (s3 != null) s3.close();
        if (node != null) node.close();
    }

    @Test
    void abusiveClientsDoNotStopTheServerServingOthersAndWhatTheyHeldIsFreed() throws Exception {
        Latency.Figures baseline = smallGets();
        long socketsBefore = ServerFiles.sockets(node.pid());
        List<Socket> abusers = new ArrayList<>();
        try {
            // 1. A PUT body that comes one byte a second, then stops.
            Socket dribbler = connect();
            abusers.add(dribbler);
            OutputStream dribble = dribbler.getOutputStream();
            dribble.write(("PUT " + presigned("PUT", "slow/dribbled.bin") + " HTTP/1.1\r\nHost: 127.0.0.1:" + node.port()
                    + "\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            AtomicBoolean dribbling = new AtomicBoolean(true);
            Thread oneByteASecond = new Thread(() -> {
                try {
                    while (dribbling.get()) {
                        dribble.write('x');
                        dribble.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server gave up on us
                }
            });
            oneByteASecond.start();
            Thread.sleep(1500);
            Path tmp = node.volume().resolve(BUCKET).resolve(".volumegate/tmp");
            assertEquals(1, ServerFiles.count(tmp), "the dribbled body streams into a temp file");
            Latency.Figures duringDribble = smallGets();
            assertTrue(oneByteASecond.isAlive(), "still dribbling while measured: a slow but moving body is served");
            dribbling.set(false);
            oneByteASecond.join();
            String answer = ServerFiles.readAnswer(dribbler, Duration.ofSeconds(STALL_SECONDS + 10));
            assertTrue(answer.startsWith("HTTP/1.1 400") && answer.contains("<Code>RequestTimeout</Code>"), answer);
            assertTrue(await(() -> ServerFiles.count(tmp) == 0, Duration.ofSeconds(5)), "the stalled PUT's temp file is removed");

            // 2. 500 connections that send nothing.
            for (int i = 0; i < 500; i++) abusers.add(connect());
            Latency.Figures duringIdle = smallGets();

            // 3. A GET of 256 MiB whose client stops reading after the headers.
            Socket stalledReader = connect();
            stalledReader.setReceiveBufferSize(64 * 1024);
            abusers.add(stalledReader);
            stalledReader.getOutputStream().write(("GET " + presigned("GET", "large.bin") + " HTTP/1.1\r\nHost: 127.0.0.1:"
                    + node.port() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] head = new byte[512];
            int got = stalledReader.getInputStream().read(head);
            assertTrue(new String(head, 0, got, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            Path large = node.volume().resolve(BUCKET).resolve("large.bin");
            assertTrue(await(() -> ServerFiles.opened(node.pid(), large) == 1, Duration.ofSeconds(5)), "the GET is sending");
            Latency.Figures duringStalledRead = smallGets();
            long stalledAt = System.nanoTime();
            assertTrue(await(() -> ServerFiles.opened(node.pid(), large) == 0, Duration.ofSeconds(STALL_SECONDS + 10)),
                    "the stalled GET's file is closed once it stalled " + STALL_SECONDS + " s");
            long fileClosedAfter = (System.nanoTime() - stalledAt) / 1_000_000;

            // What the abusers held: every connection, once its timeout ran out.
            long freedAt = System.nanoTime();
            boolean socketsFreed = await(() -> ServerFiles.sockets(node.pid()) <= socketsBefore + 2, Duration.ofSeconds(90));
            long socketsFreedAfter = (System.nanoTime() - freedAt) / 1_000_000;
            long stallDrained = drain(stalledReader);
            Latency.Figures after = smallGets();

            System.out.printf("SlowClientsIT: 200 small GETs each, p50/p99/max ms: baseline %s; during a 1 byte/s PUT %s; "
                            + "during 500 idle connections %s; during a stalled 256 MiB GET %s; after %s%n",
                    baseline, duringDribble, duringIdle, duringStalledRead, after);
            System.out.printf("SlowClientsIT: stalled PUT answered 400 RequestTimeout, temp file removed; stalled GET's file closed "
                            + "%d ms after it was measured stalled, its client got %d of %d bytes then EOF; server sockets %d before, "
                            + "back to %d within %d ms (all 502 abusers closed by the server); stack frames in the server log: %d%n",
                    fileClosedAfter, stallDrained, LARGE, socketsBefore, ServerFiles.sockets(node.pid()), socketsFreedAfter,
                    node.stackFrames());
            for (Latency.Figures figures : List.of(duringDribble, duringIdle, duringStalledRead)) {
                assertTrue(figures.max().compareTo(SERVING_BOUND) < 0, "others kept being served: " + figures);
            }
            assertTrue(socketsFreed, "the server closed the abusers' connections: " + ServerFiles.sockets(node.pid()) + " sockets");
            assertTrue(stallDrained < LARGE, "the stalled GET was cut off, not finished");
            assertEquals(0, node.stackFrames(), "no stack trace in the server log " + node.log());
        } finally {
            for (Socket abuser : abusers) abuser.close();
        }
    }

    /** 200 GETs of a 1 KiB object, one after another, as a normal client makes them. */
    private static Latency.Figures smallGets() throws Exception {
        HttpRequest get = HttpRequest.newBuilder(node.endpoint().resolve("/" + BUCKET + "/small.txt")).timeout(Duration.ofSeconds(30)).build();
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = node.http().send(get, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            assertEquals(200, response.statusCode());
            assertEquals(1024, response.body().length);
        }
        return Latency.of(nanos);
    }

    private String presigned(String method, String key) {
        URI url;
        if (method.equals("PUT")) {
            url = URI.create(presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                    .putObjectRequest(r -> r.bucket(BUCKET).key(key))).url().toString());
        } else {
            url = URI.create(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(10))
                    .getObjectRequest(r -> r.bucket(BUCKET).key(key))).url().toString());
        }
        return url.getRawPath() + "?" + url.getRawQuery();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", node.port()), 10_000);
        return socket;
    }

    /** Reads what is left until the server closes the connection; how many bytes that was, in all. */
    private static long drain(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) total += n;
        } catch (SocketTimeoutException notClosed) {
            return Long.MAX_VALUE;
        }
        return total;
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(100);
        }
        return true;
    }

    /** Latency percentiles of a series of requests. */
    static final class Latency {
        record Figures(Duration p50, Duration p99, Duration max) {
            @Override
            public String toString() {
                return p50.toMillis() + "/" + p99.toMillis() + "/" + max.toMillis();
            }
        }

        static Figures of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Figures(Duration.ofNanos(at(sorted, 0.50)), Duration.ofNanos(at(sorted, 0.99)), Duration.ofNanos(sorted[sorted.length - 1]));
        }

        /** The nearest-rank percentile. */
        private static long at(long[] sorted, double fraction) {
            return sorted[Math.max(0, (int) Math.ceil(fraction * sorted.length) - 1)];
        }
    }

    /** What the server process holds open, from /proc (Linux). */
    static final class ServerFiles {
        static long sockets(long pid) {
            return links(pid).stream().filter(link -> link.startsWith("socket:")).count();
        }

        static long opened(long pid, Path file) {
            String wanted = file.toAbsolutePath().toString();
            return links(pid).stream().filter(wanted::equals).count();
        }

        static long count(Path dir) {
            if (!Files.isDirectory(dir)) return 0;
            try (var files = Files.list(dir)) {
                return files.count();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The status line and what follows, up to the end of the connection or {@code timeout}. */
        static String readAnswer(Socket socket, Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; !answer.toString(StandardCharsets.UTF_8).contains("</Error>") && (n = socket.getInputStream().read(buffer)) >= 0; ) {
                answer.write(buffer, 0, n);
            }
            return answer.size() == 0 ? "(closed without an answer)" : answer.toString(StandardCharsets.UTF_8);
        }

        private static List<String> links(long pid) {
            List<String> links = new ArrayList<>();
            try (var fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        links.add(Files.readSymbolicLink(fd).toString());
                    } catch (IOException closedMeanwhile) {
                        // gone between listing and reading
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read /proc/" + pid + "/fd", e);
            }
            return links;
        }
    }
}
