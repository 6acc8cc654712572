package io.volumegate.it;

import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Payara Micro started as an operator might without the project's preboot commands (only bound
 * to loopback): its MicroProfile endpoints then answer /health, /metrics and /openapi in our
 * application, in place of buckets of those names, and the start-up says so in one WARNING that
 * tells how to turn them off. (GracefulShutdownIT starts Payara with the project's commands,
 * and checks that no such warning is logged then.)
 */
class ContainerEndpointsIT {
    static final String WARNING = "The container serves /health, /metrics, /openapi itself in this application";

    @Test
    void aStartWithTheContainersEndpointsOnWarnsOnceAndNamesThem() throws Exception {
        Path target = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).toAbsolutePath().getParent();
        Path work = target.resolve("container-endpoints");
        if (Files.exists(work)) PathUtils.deleteDirectory(work);
        Path preboot = Files.createDirectories(work).resolve("loopback-only.asadmin");
        Files.writeString(preboot, "set configs.config.server-config.network-config.network-listeners.network-listener"
                + ".http-listener.address=127.0.0.1\n");
        try (PayaraMicroProcess server = PayaraMicroProcess.start(work, work.resolve("volume"), preboot, Map.of())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/metrics"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            // An anonymous GET of the bucket "metrics" would be S3's 404 NoSuchBucket (an XML error document);
            // MicroProfile Metrics answers its own text instead.
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertFalse(metrics.body().contains("<Error>"), metrics.body());
            assertTrue(metrics.body().contains("# TYPE "), "MicroProfile's Prometheus text: " + metrics.body());

            String log = server.logText();
            assertTrue(log.contains(WARNING), server.tail());
            assertTrue(log.contains("deployment-descriptors/payara/preboot-commands.asadmin"), "it says how to turn them off");
            assertEquals(log.indexOf(WARNING), log.lastIndexOf(WARNING), "once");
            assertFalse(log.contains("/-/metrics itself"), "our own endpoints are not named");
        }
    }
}
