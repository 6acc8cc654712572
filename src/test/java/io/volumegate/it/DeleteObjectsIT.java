package io.volumegate.it;

import io.volumegate.auth.SigV4Signer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DeleteObjects with the AWS SDK v2 at its DEFAULT settings (which sends a flexible checksum,
 * not Content-MD5, for this operation that requires an integrity check), with the test
 * client, and with raw requests for what no SDK would send.
 */
class DeleteObjectsIT extends ServerTestBase {
    private static final String BUCKET = "deleteobjectsit";
    private static final String NS = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private S3Client defaults;
    private final AtomicReference<SdkHttpRequest> lastRequest = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        defaults = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.adminAccessKey(), server.adminSecretKey())))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    // Only watches: records the request as it goes on the wire.
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        lastRequest.set(context.httpRequest());
                    }
                }))
                .build();
        if (!Files.isDirectory(bucket())) server.s3().createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void close() {
        defaults.close();
    }

    private Path bucket() {
        return server.volume().resolve(BUCKET);
    }

    /** Objects are files: written straight to the volume, they are objects at once (and 1000 PUTs are slow). */
    private void files(List<String> keys) throws IOException {
        for (String key : keys) {
            Path file = bucket().resolve(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, key);
        }
    }

    private static List<ObjectIdentifier> ids(List<String> keys) {
        return keys.stream().map(key -> ObjectIdentifier.builder().key(key).build()).toList();
    }

    private static List<String> keys(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "/k" + i).toList();
    }

    @Test
    void aThousandKeysWithTheDefaultSdkClient() throws Exception {
        List<String> keys = keys("thousand", 1000);
        files(keys);
        DeleteObjectsResponse response = defaults.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(ids(keys))));

        assertEquals(Set.copyOf(keys), response.deleted().stream().map(d -> d.key()).collect(Collectors.toSet()));
        assertTrue(response.errors().isEmpty(), response.errors().toString());
        for (String key : keys) assertFalse(Files.exists(bucket().resolve(key)), key);
        assertFalse(Files.exists(bucket().resolve("thousand")), "emptied folders go too");

        Map<String, List<String>> sent = lastRequest.get().headers();
        assertNull(sent.get("Content-MD5"), "the SDK no longer sends Content-MD5: " + sent.keySet());
        assertTrue(sent.keySet().stream().anyMatch(name -> name.toLowerCase().startsWith("x-amz-checksum-")
                || name.equalsIgnoreCase("x-amz-trailer")), "it sends a flexible checksum instead: " + sent.keySet());
    }

    @Test
    void theTestClientToo() throws Exception {
        List<String> keys = keys("testclient", 3);
        files(keys);
        DeleteObjectsResponse response = server.s3().deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(ids(keys))));
        assertEquals(3, response.deleted().size());
    }

    @Test
    void quietModeAnswersOnlyErrors() throws Exception {
        List<String> keys = keys("quiet", 5);
        files(keys);
        List<ObjectIdentifier> ids = new ArrayList<>(ids(keys));
        DeleteObjectsResponse response = defaults.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(ids).quiet(true)));
        assertTrue(response.deleted().isEmpty());
        assertTrue(response.errors().isEmpty());
        for (String key : keys) assertFalse(Files.exists(bucket().resolve(key)), key);

        files(List.of("quiet/again"));
        DeleteObjectsResponse mixed = defaults.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.quiet(true)
                .objects(ids(List.of("quiet/again", "quiet/../escape")))));
        assertTrue(mixed.deleted().isEmpty());
        assertEquals(1, mixed.errors().size());
        assertEquals("quiet/../escape", mixed.errors().get(0).key());
    }

    @Test
    void eachKeySucceedsOrFailsOnItsOwn() throws Exception {
        files(List.of("mixed/present.txt", "mixed/other.txt"));
        server.s3().putObject(b -> b.bucket(BUCKET).key("mixed/put.txt"), RequestBody.fromString("over S3"));
        List<String> keys = List.of("mixed/present.txt", "mixed/never-existed.txt", "mixed/../../escape", ".volumegate/tmp/x",
                "mixed//empty-segment", "mixed/put.txt", "mixed/other.txt");
        DeleteObjectsResponse response = defaults.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(ids(keys))));

        assertEquals(Set.of("mixed/present.txt", "mixed/never-existed.txt", "mixed/put.txt", "mixed/other.txt"),
                response.deleted().stream().map(d -> d.key()).collect(Collectors.toSet()));
        Map<String, String> errors = response.errors().stream().collect(Collectors.toMap(S3Error::key, S3Error::code));
        assertEquals(Map.of("mixed/../../escape", "InvalidArgument", ".volumegate/tmp/x", "AccessDenied",
                "mixed//empty-segment", "InvalidArgument"), errors);
        response.errors().forEach(error -> assertFalse(error.message().isEmpty()));
        assertFalse(Files.exists(bucket().resolve("mixed")));
        assertTrue(Files.isDirectory(bucket().resolve(".volumegate")), "the reserved folder is untouched");
    }

    @Test
    void aVersionOtherThanNullIsAnErrorForThatKey() throws Exception {
        files(List.of("versions/a", "versions/b"));
        DeleteObjectsResponse response = defaults.deleteObjects(b -> b.bucket(BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("versions/a").versionId("null").build(),
                ObjectIdentifier.builder().key("versions/b").versionId("3HL4kqtJlcpXroDTDmJ").build())));
        assertEquals(List.of("versions/a"), response.deleted().stream().map(d -> d.key()).toList());
        assertEquals("null", response.deleted().get(0).versionId());
        assertEquals("InvalidArgument", response.errors().get(0).code());
        assertTrue(Files.exists(bucket().resolve("versions/b")));
    }

    /**
     * An XML 1.1 request can name a key with U+000B (as a character reference); XML 1.0 answers
     * cannot, so that key is an InvalidArgument entry, its file stays, and the others go.
     */
    @Test
    void aKeyWithACharacterXmlCannotCarryIsAnErrorForThatKey() throws Exception {
        Path control = bucket().resolve("control/vt\u000bname");
        files(List.of("control/other"));
        Files.writeString(control, "named by another program");
        String body = "<?xml version=\"1.1\" encoding=\"UTF-8\"?><Delete " + NS + "><Object><Key>control/vt&#xB;name</Key></Object>"
                + "<Object><Key>control/other</Key></Object></Delete>";
        HttpResponse<String> response = post(body, Map.of("Content-MD5", md5(body)));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Error><Key>control/vt&#xB;name</Key><Code>InvalidArgument</Code>"), response.body());
        assertTrue(response.body().contains("<Deleted><Key>control/other</Key></Deleted>"), response.body());
        assertFalse(response.body().contains("\u000b"), "never the raw character");
        assertTrue(Files.exists(control));
        assertFalse(Files.exists(bucket().resolve("control/other")));
    }

    @Test
    void aMissingBucketIsNoSuchBucket() {
        S3Exception e = org.junit.jupiter.api.Assertions.assertThrows(S3Exception.class, () -> defaults.deleteObjects(
                b -> b.bucket("deleteobjectsit-missing").delete(d -> d.objects(ids(List.of("k"))))));
        assertEquals(404, e.statusCode());
        assertEquals("NoSuchBucket", e.awsErrorDetails().errorCode());
    }

    // ---- raw requests: what the SDKs would not send ---------------------------------------

    @Test
    void withoutAnyDigestHeaderItIs400() throws Exception {
        files(List.of("raw/undigested"));
        HttpResponse<String> response = post(document("raw/undigested"), Map.of());
        assertError(response, 400, "InvalidRequest");
        assertTrue(response.body().contains("Missing required header for this request: Content-MD5"), response.body());
        assertTrue(Files.exists(bucket().resolve("raw/undigested")));
    }

    @Test
    void contentMd5AloneIsEnoughAndIsVerified() throws Exception {
        files(List.of("raw/md5", "raw/bad-md5"));
        HttpResponse<String> ok = post(document("raw/md5"), Map.of("Content-MD5", md5(document("raw/md5"))));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("<Deleted><Key>raw/md5</Key></Deleted>"), ok.body());
        assertFalse(Files.exists(bucket().resolve("raw/md5")));

        HttpResponse<String> wrong = post(document("raw/bad-md5"), Map.of("Content-MD5", md5("something else")));
        assertError(wrong, 400, "BadDigest");
        assertTrue(Files.exists(bucket().resolve("raw/bad-md5")), "nothing is deleted when the digest fails");
    }

    @Test
    void aWrongFlexibleChecksumIsBadDigest() throws Exception {
        files(List.of("raw/bad-crc"));
        HttpResponse<String> wrong = post(document("raw/bad-crc"), Map.of("x-amz-checksum-crc32", "AAAAAA=="));
        assertError(wrong, 400, "BadDigest");
        assertTrue(Files.exists(bucket().resolve("raw/bad-crc")));
    }

    @Test
    void malformedXmlIsMalformedXml() throws Exception {
        for (String body : new String[] {"<Delete " + NS + "><Object><Key>k</Key></Object>", "not xml at all",
                "<Delete " + NS + "></Delete>", "<Delete " + NS + "><Quiet>maybe</Quiet><Object><Key>k</Key></Object></Delete>"}) {
            assertError(post(body, Map.of("Content-MD5", md5(body))), 400, "MalformedXML");
        }
    }

    @Test
    void aThousandAndOneKeysAreMalformedXml() throws Exception {
        List<String> keys = keys("toomany", 1001);
        files(keys.subList(0, 3));
        String body = document(keys.toArray(String[]::new));
        assertError(post(body, Map.of("Content-MD5", md5(body))), 400, "MalformedXML");
        assertTrue(Files.exists(bucket().resolve("toomany/k0")), "nothing is deleted");
    }

    @Test
    void anExternalEntityIsMalformedXmlAndReadsNothing() throws Exception {
        // A vulnerable parser would read this file, find a key in it and delete that object.
        files(List.of("xxe/victim"));
        Path secret = server.volume().resolveSibling("deleteobjectsit-secret.txt");
        Files.writeString(secret, "xxe/victim");
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE Delete [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]><Delete " + NS + "><Object><Key>&xxe;</Key></Object></Delete>";
        assertError(post(body, Map.of("Content-MD5", md5(body))), 400, "MalformedXML");
        assertTrue(Files.exists(bucket().resolve("xxe/victim")));
    }

    @Test
    void aDocumentWithoutS3sNamespaceIsAccepted() throws Exception {
        files(List.of("nons/k"));
        String body = "<Delete><Object><Key>nons/k</Key></Object><Quiet>true</Quiet></Delete>";
        HttpResponse<String> response = post(body, Map.of("Content-MD5", md5(body)));
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(Files.exists(bucket().resolve("nons/k")));
    }

    private static String document(String... keys) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete " + NS + ">");
        for (String key : keys) xml.append("<Object><Key>").append(key).append("</Key></Object>");
        return xml.append("</Delete>").toString();
    }

    /** POST /bucket?delete, presigned (so the body is not signed) with exactly the given extra headers. */
    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        String host = "127.0.0.1:" + server.port();
        String path = "/" + BUCKET;
        String query = SigV4Signer.presignedQuery("POST", path, "delete=", host, server.adminAccessKey(),
                server.adminSecretKey().getBytes(StandardCharsets.UTF_8), "us-east-1", Instant.now(), Duration.ofMinutes(5));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + path + "?" + query))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return server.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("<Code>" + code + "</Code>"), response.body());
    }

    private static String md5(String body) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
