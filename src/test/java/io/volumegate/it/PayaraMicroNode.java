package io.volumegate.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged WAR on a Payara Micro JVM of its own, as an operator runs it: on 127.0.0.1, a
 * free port, a volume folder the test names, its console in a log file. For tests that must
 * do to a server what cannot be done to the shared Arquillian one: kill it (SIGKILL), restart
 * it on the same volume, give it settings of its own. Each start appends to the same log, so
 * a restarted node's log tells its whole story. {@link #close()} stops the process.
 */
final class PayaraMicroNode implements AutoCloseable {
    static final String ACCESS_KEY = "VGNODEADMIN";
    static final String SECRET_KEY = "vg-node-secret-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static final String RESTART_MARK = "\n==== restart ====\n";
    /** A stack frame line as java.util.logging prints one. */
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

    private final Path work;
    private final String name;
    private final Path volume;
    private final Map<String, String> settings;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private Process process;
    private int starts;

    private PayaraMicroNode(Path work, String name, Path volume, Map<String, String> settings, int port) {
        this.work = work;
        this.name = name;
        this.volume = volume;
        this.settings = settings;
        this.port = port;
    }

    /**
     * Starts a node named {@code name} (its log and Payara root under {@code work}) on
     * {@code volume}, with these {@code volumegate.*} system properties, and waits until healthy.
     */
    static PayaraMicroNode start(Path work, String name, Path volume, Map<String, String> settings) throws Exception {
        PayaraMicroNode node = new PayaraMicroNode(work, name, volume, settings, freePort());
        node.startProcess();
        return node;
    }

    URI endpoint() { return URI.create("http://127.0.0.1:" + port); }

    int port() { return port; }

    /** The server's process id (Payara Micro runs in the one JVM this started). */
    long pid() { return process.pid(); }

    Path log() { return work.resolve(name + ".log"); }

    Path volume() { return volume; }

    HttpClient http() { return http; }

    S3Client s3() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true)
                .build();
    }

    /** SIGKILL (what destroyForcibly sends on Linux): no shutdown hook, no finally block runs. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(!process.isAlive(), name + " survived SIGKILL");
    }

    /** A new process on the same port and volume, once the old one is gone. */
    void restart() throws Exception {
        if (process.isAlive()) throw new IllegalStateException(name + " is still running");
        Files.writeString(log(), RESTART_MARK, StandardOpenOption.APPEND);
        startProcess();
    }

    /** How many stack frames the log holds (java.util.logging prints each as "\tat ..."). */
    long stackFrames() throws IOException {
        return STACK_FRAME.matcher(Files.readString(log())).results().count();
    }

    /** What the start-up sweeps since the last (re)start logged they removed ("bucket b: removed N files ..."), summed. */
    long sweptFiles() throws IOException {
        String log = Files.readString(log());
        String sinceStart = log.substring(Math.max(0, log.lastIndexOf(RESTART_MARK)));
        return Pattern.compile(": removed (\\d+) files abandoned").matcher(sinceStart).results()
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    @Override
    public void close() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() { return process != null && process.isAlive(); }

    private void startProcess() throws Exception {
        Path target = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).toAbsolutePath().getParent();
        Path war = target.resolve("volumegate.war");
        Path payara = target.resolve("payara-micro.jar");
        assertTrue(Files.isRegularFile(war) && Files.isRegularFile(payara), "mvn verify builds " + war + " and copies " + payara);
        Path tmp = Files.createDirectories(work.resolve(name + "-tmp"));
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Djava.io.tmpdir=" + tmp,
                "-Dvolumegate.volume=" + volume,
                "-Dvolumegate.admin.access-key=" + ACCESS_KEY,
                "-Dvolumegate.admin.secret-key=" + SECRET_KEY));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", payara.toString(),
                "--nohazelcast", "--port", String.valueOf(port), "--contextroot", "/",
                "--prebootcommandfile", Path.of("deployment-descriptors/payara/preboot-commands.asadmin").toAbsolutePath().toString(),
                // A fresh root each start: a root a killed Payara left behind remembers its
                // deployment, and the restart then answered our paths with its own 404s.
                "--rootdir", work.resolve(name + "-root-" + (++starts)).toString(),
                "--deploy", war.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        awaitHealthy();
    }

    private void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(name + " ended early; see " + log() + ":\n" + tail());
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(endpoint().resolve("/-/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(endpoint() + " not healthy after " + START_TIMEOUT + "; see " + log() + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
