package io.volumegate.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro JVM running the packaged WAR as an operator starts it ({@code java -jar
 * payara-micro.jar --deploy volumegate.war}), on a free loopback port, with its console in a
 * log file: for tests that stop a server (SIGTERM) or start it differently from the shared
 * Arquillian one. Close it: it is stopped politely, then by force, and never outlives the test.
 */
final class PayaraMicroProcess implements AutoCloseable {
    static final String ACCESS_KEY = "VGPROCESSADMIN";
    static final String SECRET_KEY = "vg-process-secret-0123456789";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final Path log;
    private final URI endpoint;

    private PayaraMicroProcess(Process process, Path log, URI endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /**
     * Starts the WAR in {@code work} (its log, root and temp folders) over {@code volume}, with
     * the admin credential above, the given system properties, and the asadmin commands of
     * {@code prebootCommands} (the project's, or a file of the test's own); returns once
     * {@code /-/health} answers 200.
     */
    static PayaraMicroProcess start(Path work, Path volume, Path prebootCommands, Map<String, String> properties) throws Exception {
        Path target = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).toAbsolutePath().getParent();
        Path war = target.resolve("volumegate.war");
        Path payara = target.resolve("payara-micro.jar");
        if (!Files.isRegularFile(war) || !Files.isRegularFile(payara)) {
            throw new IllegalStateException("mvn verify builds " + war + " and copies " + payara);
        }
        Files.createDirectories(work);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC", "-Xmx256m",
                "-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")),
                "-Dvolumegate.volume=" + volume,
                "-Dvolumegate.admin.access-key=" + ACCESS_KEY,
                "-Dvolumegate.admin.secret-key=" + SECRET_KEY));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", payara.toString(), "--nohazelcast", "--port", String.valueOf(port), "--contextroot", "/",
                "--prebootcommandfile", prebootCommands.toAbsolutePath().toString(),
                "--rootdir", work.resolve("root").toString(),
                "--deploy", war.toString()));
        Path log = work.resolve("server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PayaraMicroProcess server = new PayaraMicroProcess(process, log, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            server.awaitHealthy();
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The project's own preboot commands: loopback only, the container's MicroProfile endpoints off. */
    static Path projectPrebootCommands() {
        return Path.of("deployment-descriptors/payara/preboot-commands.asadmin");
    }

    URI endpoint() { return endpoint; }

    Path log() { return log; }

    String logText() throws IOException {
        return Files.readString(log);
    }

    Process process() { return process; }

    /** SIGTERM, as an orchestrator or {@code kill} stops a server. */
    void terminate() {
        process.destroy();
    }

    S3Client s3() {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .forcePathStyle(true).build();
    }

    S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("Payara Micro ended early; see " + log + ":\n" + tail());
            if (Files.exists(log) && Files.readString(log).contains("Exception while loading the app")) {
                throw new IllegalStateException("the WAR did not deploy; see " + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(endpoint.resolve("/-/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(endpoint + " not healthy after " + START_TIMEOUT + "; see " + log + ":\n" + tail());
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
