package io.volumegate.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The WAR deployed on another server (Tomcat 10.1, WildFly 39) by Cargo, with that server's
 * settings from deployment-descriptors/: a real S3 round trip with the AWS SDK v2 at its
 * default settings, the keys containers like to mangle, and XML in both directions.
 *
 * <p>Runs only against a server named by system properties (the {@code servers} profile sets
 * them, see pom.xml): {@code volumegate.container.endpoint} (e.g. {@code http://127.0.0.1:8080/}),
 * {@code volumegate.container.name}, {@code volumegate.container.volume} and the admin keys
 * {@code volumegate.container.access-key} / {@code volumegate.container.secret-key}, and the
 * server's {@code volumegate.metrics.token} as {@code volumegate.container.metrics-token}. Without
 * them it is skipped. The volume starts empty.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerRoundTripIT {
    private static final String BUCKET = "roundtrip";
    /** Larger than WildFly's default max-post-size (10 MB), which deployment-descriptors/wildfly lifts. */
    private static final byte[] LARGE = randomBytes(12 * 1024 * 1024 + 5);

    private static URI endpoint;
    private static String name;
    private static Path volume;
    private static String accessKey;
    private static String secretKey;
    private static S3Client sdk;
    private static S3AsyncClient asyncSdk;
    private static HttpClient http;
    private static final jakarta.json.bind.Jsonb JSON = jakarta.json.bind.JsonbBuilder.create();

    @BeforeAll
    static void connect() {
        String configured = System.getProperty("volumegate.container.endpoint", "");
        assumeTrue(!configured.isBlank(), "no -Dvolumegate.container.endpoint: not running against a container");
        endpoint = URI.create(configured.endsWith("/") ? configured : configured + "/");
        name = System.getProperty("volumegate.container.name", endpoint.toString());
        volume = Path.of(required("volumegate.container.volume"));
        accessKey = required("volumegate.container.access-key");
        secretKey = required("volumegate.container.secret-key");

        // The SDK exactly as an application builds it: default HTTP client, default checksums
        // (aws-chunked uploads with a CRC32 trailer), only path-style, since 127.0.0.1 has no
        // bucket subdomains.
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        URI sdkEndpoint = URI.create("http://" + endpoint.getHost() + ":" + endpoint.getPort());
        sdk = S3Client.builder().endpointOverride(sdkEndpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .forcePathStyle(true).build();
        asyncSdk = S3AsyncClient.builder().endpointOverride(sdkEndpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .forcePathStyle(true).build();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void close() {
        if (sdk != null) sdk.close();
        if (asyncSdk != null) asyncSdk.close();
    }

    @Test
    @Order(1)
    void deployedAtTheRootAndHealthy() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(endpoint.resolve("-/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), name + ": " + health.body());
        assertTrue(health.body().contains("UP"), health.body());

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, anonymous.statusCode(), name + ": an unsigned ListBuckets is S3's AccessDenied: " + anonymous.body());
        assertEquals("AccessDenied", RawS3.errorCode(anonymous.body()), anonymous.body());
        assertTrue(anonymous.headers().firstValue("x-amz-request-id").isPresent());
    }

    @Test
    @Order(2)
    void bucketsAndObjectsWithTheDefaultSdk() throws Exception {
        sdk.createBucket(b -> b.bucket(BUCKET));
        assertTrue(Files.isDirectory(volume.resolve(BUCKET)));
        assertTrue(sdk.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(BUCKET)));

        // Over 10 MB, streamed as aws-chunked with a trailing CRC32: bodies of any size pass.
        var put = sdk.putObject(b -> b.bucket(BUCKET).key("large/object.bin"), RequestBody.fromBytes(LARGE));
        assertNotNull(put.checksumCRC32());
        assertArrayEquals(LARGE, Files.readAllBytes(volume.resolve(BUCKET).resolve("large/object.bin")));
        ResponseBytes<GetObjectResponse> got = sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key("large/object.bin")
                .checksumMode(ChecksumMode.ENABLED));
        assertArrayEquals(LARGE, got.asByteArray());
        assertEquals(LARGE.length, sdk.headObject(b -> b.bucket(BUCKET).key("large/object.bin")).contentLength());
        byte[] range = sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key("large/object.bin").range("bytes=10-19")).asByteArray();
        assertArrayEquals(java.util.Arrays.copyOfRange(LARGE, 10, 20), range);

        // The asynchronous client (Netty): non-blocking reads and writes on this container.
        asyncSdk.putObject(b -> b.bucket(BUCKET).key("async/object.bin"), AsyncRequestBody.fromBytes(LARGE)).get(120, TimeUnit.SECONDS);
        byte[] asyncGot = asyncSdk.getObject(b -> b.bucket(BUCKET).key("async/object.bin"), AsyncResponseTransformer.toBytes())
                .get(120, TimeUnit.SECONDS).asByteArray();
        assertArrayEquals(LARGE, asyncGot);

        S3Exception missing = assertThrows(S3Exception.class, () -> sdk.getObject(b -> b.bucket(BUCKET).key("no/such/key")));
        assertEquals(404, missing.statusCode());
        assertEquals("NoSuchKey", missing.awsErrorDetails().errorCode());
    }

    /** Keys the SDK percent-encodes in the path, each a file of exactly that name. */
    @Test
    @Order(3)
    void awkwardKeysThroughTheSdk() throws Exception {
        List<String> keys = List.of("100%", "a+b", "x;y", "with space", "é", "tab\tand~tilde", "dir/with space/100%+x;y.txt");
        for (String key : keys) {
            byte[] content = ("content of " + key).getBytes(StandardCharsets.UTF_8);
            sdk.putObject(b -> b.bucket(BUCKET).key("sdk/" + key), RequestBody.fromBytes(content));
            assertArrayEquals(content, Files.readAllBytes(volume.resolve(BUCKET).resolve("sdk/" + key)), name + ": file of " + key);
            assertArrayEquals(content, sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key("sdk/" + key)).asByteArray(), name + ": " + key);
            assertEquals(content.length, sdk.headObject(b -> b.bucket(BUCKET).key("sdk/" + key)).contentLength(), key);
        }
        List<String> listed = sdk.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("sdk/").maxKeys(2))
                .contents().stream().map(S3Object::key).toList();
        assertEquals(keys.stream().map(k -> "sdk/" + k).sorted(ContainerRoundTripIT::utf8Order).toList(), listed);
    }

    /**
     * Paths as S3 clients can send them, byte for byte: the container must hand them to the
     * application unchanged (it parses the raw request URI), or refuse them itself; it must
     * never serve or store another key.
     */
    @Test
    @Order(4)
    void rawPathsReachTheApplicationUnchanged() throws Exception {
        Path bucket = volume.resolve(BUCKET);
        // %2F is a slash inside the key (Tomcat needs encodedSolidusHandling="passthrough").
        assertStored("/" + BUCKET + "/raw/a%2Fb", "raw/a/b");
        assertFetched("/" + BUCKET + "/raw/a%2Fb", "raw/a/b");
        assertStored("/" + BUCKET + "/raw%2Fenc%2Fslashes", "raw/enc/slashes");
        // %25 is a percent sign, decoded once.
        assertStored("/" + BUCKET + "/raw/100%25", "raw/100%");
        assertStored("/" + BUCKET + "/raw/pct%2541", "raw/pct%41");
        // A raw '+' is a plus, %2B too; %20 a space.
        assertStored("/" + BUCKET + "/raw/a+b", "raw/a+b");
        assertFalse(Files.exists(bucket.resolve("raw/a b")));
        assertStored("/" + BUCKET + "/raw/c%2Bd", "raw/c+d");
        assertStored("/" + BUCKET + "/raw/with%20space", "raw/with space");
        // ';' raw or encoded is part of the key, not a path parameter.
        assertStored("/" + BUCKET + "/raw/x;y", "raw/x;y");
        assertFetched("/" + BUCKET + "/raw/x;y", "raw/x;y");
        assertStored("/" + BUCKET + "/raw/p%3Bq", "raw/p;q");
        // Payara cuts a raw ";jsessionid=..." out of the request URI; the signature, made over
        // the path the client sent, then fails: a clear error, never the object "raw/semi".
        HttpResponse<byte[]> session = RawS3.at(endpoint, accessKey, secretKey, http).put("/" + BUCKET + "/raw/semi;jsessionid=1")
                .body("semi").send();
        if (session.statusCode() == 200) {
            assertEquals("semi", Files.readString(bucket.resolve("raw/semi;jsessionid=1")));
        } else {
            assertEquals(403, session.statusCode(), RawS3.text(session));
            assertEquals("SignatureDoesNotMatch", RawS3.errorCode(session));
        }
        assertFalse(Files.exists(bucket.resolve("raw/semi")));
        // UTF-8, encoded.
        assertStored("/" + BUCKET + "/raw/%C3%A9", "raw/é");
        // An encoded backslash is a backslash in the key; Payara refuses it with its own 400.
        HttpResponse<byte[]> backslash = RawS3.at(endpoint, accessKey, secretKey, http).get("/" + BUCKET + "/raw/back%5Cslash").send();
        if (backslash.headers().firstValue("x-amz-request-id").isPresent()) {
            assertStored("/" + BUCKET + "/raw/back%5Cslash", "raw/back\\slash");
        } else {
            assertEquals(400, backslash.statusCode(), name + " GET %5C");
        }

        // Empty and dot segments are the application's defined error, not a normalised path.
        for (String rawKey : List.of("raw//double", "raw/./dot", "raw/../dotdot", "raw/%2e%2e/x", "raw%2F%2Fdouble-encoded")) {
            RawS3.SocketResponse put = RawS3.at(endpoint, accessKey, secretKey, http).put("/" + BUCKET + "/" + rawKey).body("x")
                    .sendOverSocket(1, 10_000);
            String what = name + " PUT " + rawKey + ": " + put.head();
            assertNull(put.header("ETag"), what);
            if (put.header("x-amz-request-id") != null) {
                assertEquals(400, put.status(), what);
                assertEquals("InvalidArgument", put.errorCode(), what + put.body());
            } else {
                // The container refused it on its own: acceptable, as long as nothing was stored.
                assertTrue(put.status() >= 400 && put.status() < 500, what);
            }
        }
        assertFalse(Files.exists(bucket.resolve("raw/double")));
        assertFalse(Files.exists(bucket.resolve("raw/dot")));
        assertFalse(Files.exists(bucket.resolve("dotdot")));
        assertFalse(Files.exists(volume.resolve("x")));
    }

    /**
     * Characters RFC 3986 does not allow raw in a path, which SDKs always encode but some
     * clients (curl, scripts) send as they are. A container may refuse them; if it lets one
     * through, the key must be exactly that character. Prints what this container does.
     */
    @Test
    @Order(5)
    void rawCharactersOutsideTheUriGrammarAreTheKeyOrRefused() throws Exception {
        StringBuilder report = new StringBuilder(name + ", raw characters in a path:");
        for (char c : "\\\"<>[]^`{|}".toCharArray()) {
            String key = "rawchar/a" + c + "b";
            RawS3.SocketResponse put = RawS3.at(endpoint, accessKey, secretKey, http).put("/" + BUCKET + "/" + key).body("x")
                    .sendOverSocket(1, 10_000);
            boolean reachedUs = put.header("x-amz-request-id") != null;
            report.append("\n  ").append(c).append(" -> ").append(put.status()).append(reachedUs ? " (VolumeGate)" : " (container)");
            if (put.status() == 200) {
                assertEquals("x", Files.readString(volume.resolve(BUCKET).resolve(key)), name + " raw " + c);
            } else {
                assertTrue(put.status() >= 400 && put.status() < 500, report.toString());
            }
        }
        // Escapes that are malformed or not UTF-8: VolumeGate's InvalidURI, or the container's own 400.
        for (String rawKey : List.of("bad%zz", "trailing%", "not-utf8-%FF", "not-utf8-%C3%28")) {
            RawS3.SocketResponse put = RawS3.at(endpoint, accessKey, secretKey, http).put("/" + BUCKET + "/rawchar/" + rawKey)
                    .body("x").sendOverSocket(1, 10_000);
            boolean reachedUs = put.header("x-amz-request-id") != null;
            report.append("\n  ").append(rawKey).append(" -> ").append(put.status()).append(reachedUs ? " (VolumeGate)" : " (container)");
            assertNull(put.header("ETag"), report.toString());
            if (reachedUs) {
                assertEquals("InvalidURI", put.errorCode(), report.toString());
            }
            // else the container answered on its own: some refuse (400), Payara answers an empty
            // 200 (payara/Payara#8000, see ObjectKeysIT); either way nothing is stored (below).
        }
        try (var files = Files.list(volume.resolve(BUCKET).resolve("rawchar"))) {
            files.forEach(f -> assertTrue(f.getFileName().toString().matches("a.b"), "only the keys sent: " + f));
        } catch (java.nio.file.NoSuchFileException nothingStored) {
            // every character refused
        }
        System.out.println(report);
    }

    @Test
    @Order(6)
    void xmlDocumentsBothWays() {
        sdk.putObject(b -> b.bucket(BUCKET).key("xml/source.txt"), RequestBody.fromString("copy me"));
        sdk.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("xml/source.txt").destinationBucket(BUCKET).destinationKey("xml/copy 100%.txt"));
        assertEquals("copy me", sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key("xml/copy 100%.txt")).asUtf8String());

        List<ObjectIdentifier> toDelete = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String key = "xml/bulk/" + i + " & <" + i + ">";
            sdk.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("x"));
            toDelete.add(ObjectIdentifier.builder().key(key).build());
        }
        DeleteObjectsResponse deleted = sdk.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(toDelete)));
        assertEquals(5, deleted.deleted().size(), deleted.toString());
        assertTrue(deleted.errors().isEmpty(), deleted.toString());
        ListObjectsV2Response left = sdk.listObjectsV2(b -> b.bucket(BUCKET).prefix("xml/"));
        assertEquals(List.of("xml/copy 100%.txt", "xml/source.txt"), left.contents().stream().map(S3Object::key).toList());
        // us-east-1 is S3's empty LocationConstraint.
        assertEquals("", sdk.getBucketLocation(b -> b.bucket(BUCKET)).locationConstraintAsString());
    }

    /** Parts staged on the volume and assembled on this server; XML in both directions again. */
    @Test
    @Order(7)
    void multipartUpload() {
        String key = "multipart/100% a+b.bin";
        String uploadId = sdk.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        byte[] first = java.util.Arrays.copyOfRange(LARGE, 0, 5 * 1024 * 1024);
        byte[] second = java.util.Arrays.copyOfRange(LARGE, first.length, LARGE.length);
        String etag1 = sdk.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(first)).eTag();
        String etag2 = sdk.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2), RequestBody.fromBytes(second)).eTag();
        assertEquals(2, sdk.listParts(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)).parts().size());
        sdk.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                p -> p.partNumber(1).eTag(etag1), p -> p.partNumber(2).eTag(etag2))));
        assertArrayEquals(LARGE, sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
        assertTrue(sdk.headObject(b -> b.bucket(BUCKET).key(key)).eTag().endsWith("-2\""), "a multipart ETag");
    }

    /**
     * A web page of an allowed origin (the pom sets volumegate.cors.origins): a token from the
     * management API, a presigned multipart upload, the preflight and the part PUTs the
     * browser sends, then complete. OPTIONS must reach VolumeGate through every container.
     */
    @Test
    @Order(8)
    void aBrowserPageUploadsThroughPresignedPartUrls() throws Exception {
        String origin = "https://console.example.test";
        String key = "browser/upload 1.bin";
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(endpoint.resolve("api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.toJson(Map.of("access_key_id", accessKey, "secret_access_key", secretKey))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), () -> name + ": " + login.body());
        String token = (String) JSON.fromJson(login.body(), Map.class).get("token");
        String multipart = "api/v1/buckets/" + BUCKET + "/multipart/browser/upload%201.bin";
        HttpResponse<String> presign = http.send(HttpRequest.newBuilder(endpoint.resolve(multipart + "/presign"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"file_size\": " + LARGE.length + ", \"part_size\": 5242880}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, presign.statusCode(), () -> name + ": " + presign.body());
        Map<?, ?> plan = JSON.fromJson(presign.body(), Map.class);
        List<?> urls = (List<?>) plan.get("urls");
        assertEquals(3, urls.size());

        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < urls.size(); i++) {
            URI url = URI.create((String) ((Map<?, ?>) urls.get(i)).get("url"));
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin).header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, preflight.statusCode(), () -> name + " preflight: " + preflight.body());
            assertEquals(origin, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null), name);
            byte[] slice = java.util.Arrays.copyOfRange(LARGE, i * 5242880, Math.min(LARGE.length, (i + 1) * 5242880));
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(url).header("Origin", origin)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(slice)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), () -> name + " part: " + put.body());
            assertTrue(put.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("ETag"), name);
            if (i > 0) parts.append(',');
            parts.append("{\"PartNumber\": ").append(i + 1).append(", \"ETag\": ")
                    .append(JSON.toJson(put.headers().firstValue("ETag").orElseThrow())).append('}');
        }
        HttpResponse<String> complete = http.send(HttpRequest.newBuilder(endpoint.resolve(multipart + "/complete"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"upload_id\": \"" + plan.get("upload_id") + "\", \"parts\": [" + parts + "]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, complete.statusCode(), () -> name + " complete: " + complete.body());
        assertArrayEquals(LARGE, Files.readAllBytes(volume.resolve(BUCKET).resolve(key)), name);
    }

    /**
     * The Prometheus scrape as an operator's Prometheus makes it on this container: the pom
     * opens the metrics to a bearer token only (volumegate.metrics.allow=none), so the test
     * client is refused without it; with it, the series of a PUT, a GET and a 404 moved by
     * exactly those requests, bytes both ways, and the JVM and volume gauges are there.
     */
    @Test
    @Order(9)
    void metricsMoveAsRequestsAreMade() throws Exception {
        URI metrics = endpoint.resolve("-/metrics");
        String bearer = "Bearer " + required("volumegate.container.metrics-token");
        HttpResponse<String> refused = PrometheusScrape.get(http, metrics, null);
        assertEquals(401, refused.statusCode(), () -> name + ": loopback is not on this allow-list: " + refused.body());
        assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "), name);
        assertEquals(401, PrometheusScrape.get(http, metrics, "Bearer wrong").statusCode(), name);
        HttpResponse<String> served = PrometheusScrape.get(http, metrics, bearer);
        assertEquals(200, served.statusCode(), () -> name + ": " + served.body());
        String contentType = served.headers().firstValue("Content-Type").orElse("");
        assertTrue(contentType.startsWith("text/plain") && contentType.contains("version=0.0.4"), name + ": " + contentType);
        assertTrue(served.body().contains("# TYPE volumegate_requests_total counter"), name);

        String before = PrometheusScrape.scrape(http, metrics, bearer);
        byte[] body = java.util.Arrays.copyOf(LARGE, 10_000);
        sdk.putObject(b -> b.bucket(BUCKET).key("metrics/object.bin"), RequestBody.fromBytes(body));
        assertArrayEquals(body, sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key("metrics/object.bin")).asByteArray(), name);
        S3Exception missing = assertThrows(S3Exception.class, () -> sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key("metrics/missing.bin")));
        assertEquals(404, missing.statusCode(), name);

        String putOk = "volumegate_requests_total{operation=\"PUT_OBJECT\",status=\"2xx\"}";
        String getOk = "volumegate_requests_total{operation=\"GET_OBJECT\",status=\"2xx\"}";
        String getMissing = "volumegate_requests_total{operation=\"GET_OBJECT\",status=\"4xx\"}";
        String scrapeOk = "volumegate_requests_total{operation=\"METRICS\",status=\"2xx\"}";
        // A request is counted as it ends, which can be just after its client has the answer.
        String after = PrometheusScrape.scrape(http, metrics, bearer);
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < deadline; ) {
            String settled = after;
            if (List.of(putOk, getOk, getMissing, scrapeOk).stream().allMatch(s -> PrometheusScrape.delta(before, settled, s) >= 1)) break;
            Thread.sleep(100);
            after = PrometheusScrape.scrape(http, metrics, bearer);
        }
        String report = name + ", before:\n" + before + "\nafter:\n" + after;
        assertEquals(1, PrometheusScrape.delta(before, after, putOk), report);
        assertEquals(1, PrometheusScrape.delta(before, after, getOk), report);
        assertEquals(1, PrometheusScrape.delta(before, after, getMissing), report);
        assertEquals(0, PrometheusScrape.delta(before, after, "volumegate_requests_total{operation=\"PUT_OBJECT\",status=\"4xx\"}"), report);
        assertEquals(0, PrometheusScrape.delta(before, after, "volumegate_requests_total{operation=\"GET_OBJECT\",status=\"5xx\"}"), report);
        assertEquals(1, PrometheusScrape.delta(before, after, "volumegate_errors_total{code=\"NoSuchKey\"}"), report);
        assertEquals(2, PrometheusScrape.delta(before, after, "volumegate_request_duration_seconds_count{operation=\"GET_OBJECT\"}"), report);
        assertTrue(PrometheusScrape.value(after, "volumegate_requests_total{operation=\"METRICS\",status=\"4xx\"}") >= 2,
                name + ": the refused scrapes are counted too");
        assertTrue(PrometheusScrape.value(after, "volumegate_errors_total{code=\"AccessDenied\"}") >= 2, report);
        // The SDK's default upload is aws-chunked: the body and its chunk framing.
        double received = PrometheusScrape.delta(before, after, "volumegate_received_bytes_total{operation=\"PUT_OBJECT\"}");
        assertTrue(received >= body.length && received < body.length + 1024, name + " received " + received);
        double sent = PrometheusScrape.delta(before, after, "volumegate_sent_bytes_total{operation=\"GET_OBJECT\"}");
        assertTrue(sent > body.length && sent < body.length + 1024, name + ": one body and one error document: " + sent);
        assertTrue(PrometheusScrape.value(after, "volumegate_requests_in_flight") >= 1, name + ": the scrape itself is in flight");
        assertTrue(PrometheusScrape.value(after, "volumegate_volume_usable_bytes{root=\"volume\"}") > 0, report);
        assertTrue(PrometheusScrape.value(after, "volumegate_volume_total_bytes{root=\"volume\"}") > 0, report);
        for (String jvm : List.of("\njvm_memory_used_bytes{", "\njvm_gc_", "\njvm_threads_live_threads ", "\nprocess_uptime_seconds ")) {
            assertTrue(after.contains(jvm), name + ": no " + jvm.strip() + " in\n" + after);
        }
    }

    @Test
    @Order(10)
    void deleteEverythingAndTheBucket() {
        sdk.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()
                .forEach(o -> sdk.deleteObject(b -> b.bucket(BUCKET).key(o.key())));
        // Directories left behind by nested keys are not objects: the bucket is empty for S3.
        assertEquals(0, sdk.listObjectsV2(b -> b.bucket(BUCKET)).keyCount());
        sdk.deleteBucket(b -> b.bucket(BUCKET));
        assertFalse(Files.exists(volume.resolve(BUCKET)));
    }

    /** Swagger UI at /api/v1/docs: the webjar bundled in this server's WAR, read through its class loader. */
    @Test
    @Order(1)
    void theApiDocsAreServedFromTheWebjar() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(endpoint.resolve("api/v1/docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), name + ": " + page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), name);
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"), name);
        assertTrue(page.body().contains("docs/swagger-ui-bundle.js"), page.body());
        for (String file : new String[] {"swagger-ui-bundle.js", "swagger-initializer.js"}) {
            HttpResponse<String> script = http.send(HttpRequest.newBuilder(endpoint.resolve("api/v1/docs/" + file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, script.statusCode(), name + " " + file);
            assertTrue(script.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"), name + " " + file);
        }
        HttpResponse<String> css = http.send(HttpRequest.newBuilder(endpoint.resolve("api/v1/docs/swagger-ui.css")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, css.statusCode(), name);
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"), name);
    }

    private void assertStored(String rawPath, String expectedKey) throws Exception {
        byte[] content = ("raw " + rawPath).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> put = RawS3.at(endpoint, accessKey, secretKey, http).put(rawPath).body(content).send();
        assertEquals(200, put.statusCode(), () -> name + " PUT " + rawPath + ": " + RawS3.text(put));
        Path file = volume.resolve(BUCKET).resolve(expectedKey);
        assertTrue(Files.isRegularFile(file), () -> name + " PUT " + rawPath + " should be the file " + expectedKey);
        assertArrayEquals(content, Files.readAllBytes(file), name + " PUT " + rawPath);
        assertArrayEquals(content, sdk.getObjectAsBytes(b -> b.bucket(BUCKET).key(expectedKey)).asByteArray(), expectedKey);
    }

    private void assertFetched(String rawPath, String expectedKey) throws Exception {
        HttpResponse<byte[]> get = RawS3.at(endpoint, accessKey, secretKey, http).get(rawPath).send();
        assertEquals(200, get.statusCode(), () -> name + " GET " + rawPath + ": " + RawS3.text(get));
        assertArrayEquals(Files.readAllBytes(volume.resolve(BUCKET).resolve(expectedKey)), get.body(), name + " GET " + rawPath);
    }

    private static String required(String property) {
        String value = System.getProperty(property, "");
        if (value.isBlank()) throw new IllegalStateException("-D" + property + " is required next to volumegate.container.endpoint");
        return value;
    }

    private static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
