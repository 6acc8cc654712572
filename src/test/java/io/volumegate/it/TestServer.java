package io.volumegate.it;

import io.volumegate.auth.Keyring;
import io.volumegate.auth.TestKeyrings;
import org.apache.commons.io.file.PathUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The VolumeGate server that the integration tests share (one Payara Micro for the whole run,
 * see {@link SuiteDeployment}), and clients for it. Get it from {@link ServerTestBase#server}.
 *
 * <p>The clients are shared: do not close them. Build your own with {@link #s3(String, String)}
 * when a test needs other credentials (and close that one).
 */
public final class TestServer {
    /** Classpath resource with the server's system properties (filtered by Maven). */
    static final String SETTINGS_RESOURCE = "volumegate-it.properties";

    private static final Properties SETTINGS = loadSettings();
    private static volatile TestServer current;

    private final int port;
    private final URI endpoint;
    private final S3Client s3;
    private final HttpClient http;
    private volatile Keyring keyring;

    private TestServer(int port) {
        this.port = port;
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/");
        this.s3 = s3(adminAccessKey(), adminSecretKey());
        // Plain HTTP/1.1: by default HttpClient asks for an h2c upgrade, and Payara Micro's
        // HTTP layer then corrupts request bodies.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        requireDeployed();
    }

    /**
     * Payara Micro keeps running when the WAR fails to deploy (CDI error, ...), and the adapter
     * does not notice: without this every test would just see 404s.
     */
    private void requireDeployed() {
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(endpoint.resolve("-/health")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("Payara Micro does not answer on " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (status != 200) {
            throw new IllegalStateException("VolumeGate is not deployed: GET " + endpoint + "-/health answered " + status
                    + ". Payara Micro's log (look for \"Exception while loading the app\") is in"
                    + " target/failsafe-reports/*-output.txt, in the first IT class's file.");
        }
    }

    /**
     * The server behind an {@code @ArquillianResource URL}. That URL names a non-loopback
     * address, while the server listens on 127.0.0.1 only: keep just its port.
     */
    static TestServer at(URL deploymentUrl) {
        int port = deploymentUrl.getPort();
        TestServer server = current;
        if (server == null || server.port != port) {
            synchronized (TestServer.class) {
                server = current;
                if (server == null || server.port != port) {
                    current = server = new TestServer(port);
                }
            }
        }
        return server;
    }

    /** {@code http://127.0.0.1:<port>/}: the server root, which is the S3 endpoint. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * {@code rawPathAndQuery} (starting with '/') on this server, taken literally: no
     * encoding or normalisation, so {@code /b/a%2Fb} or {@code /b/a//b} reach the server as is.
     */
    public URI uri(String rawPathAndQuery) {
        if (!rawPathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + rawPathAndQuery);
        }
        return URI.create("http://127.0.0.1:" + port + rawPathAndQuery);
    }

    public int port() {
        return port;
    }

    /** The server's volume directory (wiped when the run starts). */
    public Path volume() {
        return volumeDirectory();
    }

    public String adminAccessKey() {
        return setting("volumegate.admin.access-key");
    }

    public String adminSecretKey() {
        return setting("volumegate.admin.secret-key");
    }

    /** AWS SDK v2 S3 client with the admin credential, path-style, us-east-1. Shared: do not close. */
    public S3Client s3() {
        return s3;
    }

    /**
     * A new S3 client for other credentials, configured like {@link #s3()}; close it.
     *
     * <p>For now it computes and validates checksums only when an operation requires them,
     * and sends plain (not aws-chunked) bodies.
     */
    public S3Client s3(String accessKey, String secretKey) {
        return s3(URI.create("http://127.0.0.1:" + port), accessKey, secretKey);
    }

    /** As {@link #s3(String, String)}, for the endpoint URL a client was told (by GET /api/v1/credentials, say). */
    public S3Client s3(URI endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(false)
                        .build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
    }

    /**
     * A presigner for these credentials against this server, path-style, us-east-1, as an
     * application would build one; close it.
     */
    public S3Presigner presigner(String accessKey, String secretKey) {
        return S3Presigner.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /**
     * The server's keyring, opened in this JVM straight from the keystore file on the volume,
     * as another node or an operator's tool would: credentials created or deleted here reach
     * the server only through the file, which it reloads when it changes (within about a
     * second). Shared.
     */
    public Keyring keyring() {
        Keyring opened = keyring;
        if (opened == null) {
            synchronized (this) {
                if (keyring == null) keyring = TestKeyrings.forVolume(volume());
                opened = keyring;
            }
        }
        return opened;
    }

    /** The Host header value clients send (and sign) for this server. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@link java.net.http.HttpClient} pinned to HTTP/1.1, for raw requests. Shared. */
    public HttpClient http() {
        return http;
    }

    static Path volumeDirectory() {
        return Path.of(setting("volumegate.volume"));
    }

    /** Empties the volume (or creates it). Called once per run, before the server starts. */
    static void resetVolume() {
        Path volume = volumeDirectory();
        try {
            if (Files.exists(volume)) {
                PathUtils.deleteDirectory(volume);
            }
            Files.createDirectories(volume);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the test volume " + volume, e);
        }
    }

    static String setting(String name) {
        String value = SETTINGS.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " missing from " + SETTINGS_RESOURCE);
        }
        return value;
    }

    private static Properties loadSettings() {
        Properties properties = new Properties();
        try (InputStream in = TestServer.class.getClassLoader().getResourceAsStream(SETTINGS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SETTINGS_RESOURCE + " not on the test classpath: build with Maven first");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
