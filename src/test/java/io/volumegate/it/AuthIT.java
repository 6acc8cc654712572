package io.volumegate.it;

import io.volumegate.auth.SigV4Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkGlobalTime;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import static io.volumegate.it.S3Assertions.assertErrorDocument;
import static io.volumegate.it.S3Assertions.assertNoSecret;
import static io.volumegate.it.S3Assertions.assertS3Error;
import static io.volumegate.it.S3Assertions.element;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authentication as a client meets it: SigV4 in the Authorization header and in presigned
 * URLs, and every way of getting it wrong answered with Amazon S3's status and code. Each
 * refusal is paired with the same request done right, so a 403 proves the one fault, not a
 * broken request; and no answer ever carries a secret.
 */
class AuthIT extends ServerTestBase {
    private static final String BUCKET = "authit-data";
    private static final String KEY = "greeting.txt";
    private static final String PATH = "/" + BUCKET + "/" + KEY;
    private static final byte[] CONTENT = "hello from behind a signature".getBytes(StandardCharsets.UTF_8);
    private static final String WRONG_SECRET = "wrong-secret-0123456789abcdefghijklmnop";
    private static final String UNKNOWN_KEY = "VGUNKNOWNACCESSKEY01";

    private static boolean prepared;

    @BeforeEach
    void bucketWithOneObject() {
        synchronized (AuthIT.class) {
            if (prepared) return;
            server.s3().createBucket(b -> b.bucket(BUCKET));
            server.s3().putObject(p -> p.bucket(BUCKET).key(KEY), RequestBody.fromBytes(CONTENT));
            prepared = true;
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() throws Exception {
        try (S3Client client = server.s3(server.adminAccessKey(), WRONG_SECRET)) {
            S3Exception error = assertS3Error(403, "SignatureDoesNotMatch", () -> client.listObjectsV2(l -> l.bucket(BUCKET)));
            assertNoSecret(error, WRONG_SECRET, server.adminSecretKey());
        }

        HttpResponse<String> wrong = signedGet(PATH, server.adminAccessKey(), WRONG_SECRET, Instant.now());
        assertErrorDocument(wrong, 403, "SignatureDoesNotMatch");
        assertEquals(server.adminAccessKey(), element(wrong.body(), "AWSAccessKeyId"));
        assertNoSecret(wrong, WRONG_SECRET, server.adminSecretKey());

        HttpResponse<String> right = signedGet(PATH, server.adminAccessKey(), server.adminSecretKey(), Instant.now());
        assertEquals(200, right.statusCode(), right::body);
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), right.body());
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() throws Exception {
        try (S3Client client = server.s3(UNKNOWN_KEY, server.adminSecretKey())) {
            S3Exception error = assertS3Error(403, "InvalidAccessKeyId", client::listBuckets);
            assertNoSecret(error, server.adminSecretKey());
        }
        HttpResponse<String> response = signedGet(PATH, UNKNOWN_KEY, server.adminSecretKey(), Instant.now());
        assertErrorDocument(response, 403, "InvalidAccessKeyId");
        assertEquals(UNKNOWN_KEY, element(response.body(), "AWSAccessKeyId"));
        assertNoSecret(response, server.adminSecretKey());
    }

    @Test
    void requestSignedTwentyMinutesAwayIsRequestTimeTooSkewed() throws Exception {
        for (Duration offset : List.of(Duration.ofMinutes(-20), Duration.ofMinutes(20))) {
            Instant signedAt = Instant.now().plus(offset);
            HttpResponse<String> skewed = signedGet(PATH, server.adminAccessKey(), server.adminSecretKey(), signedAt);
            assertErrorDocument(skewed, 403, "RequestTimeTooSkewed");
            assertEquals(RawRequest.amzDate(signedAt), element(skewed.body(), "RequestTime"));
            assertNoSecret(skewed, server.adminSecretKey());
        }
        // Within the allowed 15 minutes, the same request is fine.
        HttpResponse<String> recent = signedGet(PATH, server.adminAccessKey(), server.adminSecretKey(),
                Instant.now().minus(Duration.ofMinutes(10)));
        assertEquals(200, recent.statusCode(), recent::body);
    }

    /**
     * SDKs answer RequestTimeTooSkewed by taking the server's time from the response's Date
     * header and signing again: a client whose clock is 20 minutes off still works.
     */
    @Test
    void sdkWithASkewedClockCorrectsItself() {
        int skewSeconds = 20 * 60;
        try {
            SdkGlobalTime.setGlobalTimeOffset(skewSeconds); // read by clients built from now on
            try (S3Client noRetries = S3Client.builder()
                    .endpointOverride(URI.create("http://" + server.host()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(server.adminAccessKey(), server.adminSecretKey())))
                    .forcePathStyle(true)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build()) {
                // Proof that the clock is off: without a retry, the server refuses.
                assertS3Error(403, "RequestTimeTooSkewed", () -> noRetries.listObjectsV2(l -> l.bucket(BUCKET)));
            }
            SdkGlobalTime.setGlobalTimeOffset(skewSeconds);
            try (S3Client skewed = server.s3(server.adminAccessKey(), server.adminSecretKey())) {
                assertEquals(List.of(KEY), skewed.listObjectsV2(l -> l.bucket(BUCKET)).contents().stream()
                        .map(S3Object::key).toList());
            }
        } finally {
            SdkGlobalTime.setGlobalTimeOffset(0);
        }
    }

    @Test
    void presignedPutUrlUploadsWithoutAnySdk() throws Exception {
        String key = "uploaded-by-url.bin";
        byte[] body = "bytes sent through a presigned PUT".getBytes(StandardCharsets.UTF_8);
        URI url;
        try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
            PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p
                    .signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket(BUCKET).key(key)));
            url = presigned.url().toURI();
        }
        HttpResponse<String> put = server.http().send(HttpRequest.newBuilder(url)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put::body);
        assertArrayEquals(body, server.s3().getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asByteArray());

        // The URL signs the method: it cannot be used to delete.
        HttpResponse<String> delete = server.http().send(HttpRequest.newBuilder(url).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertErrorDocument(delete, 403, "SignatureDoesNotMatch");
        assertArrayEquals(body, server.s3().getObjectAsBytes(g -> g.bucket(BUCKET).key(key)).asByteArray());
    }

    @Test
    void presignedGetUrlWorksWithoutAnySdk() throws Exception {
        URI url;
        try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
            PresignedGetObjectRequest presigned = presigner.presignGetObject(p -> p
                    .signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key(KEY)));
            assertTrue(presigned.isBrowserExecutable(), "a presigned GET needs no extra headers");
            url = presigned.url().toURI();
        }
        assertEquals("127.0.0.1", url.getHost());
        assertEquals(PATH, url.getRawPath());
        assertTrue(url.getRawQuery().contains("X-Amz-Signature="), url::toString);

        HttpResponse<byte[]> fetched = server.http().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(CONTENT, fetched.body());

        HttpResponse<String> tampered = plainGet(tamperSignature(url));
        assertErrorDocument(tampered, 403, "SignatureDoesNotMatch");
        assertNoSecret(tampered, server.adminSecretKey());

        // A signed URL is for the one object it names.
        URI otherKey = URI.create(url.toString().replace(KEY, "other-" + KEY));
        assertErrorDocument(plainGet(otherKey), 403, "SignatureDoesNotMatch");
    }

    /** What a URL must carry encoded (space, '+', non-ASCII, brackets) and extra signed query parameters. */
    @Test
    void presignedUrlForAnAwkwardKeyWithResponseOverrides() throws Exception {
        String key = "dir with space/a+b é~(1)!.txt";
        byte[] body = "awkward".getBytes(StandardCharsets.UTF_8);
        server.s3().putObject(p -> p.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
        URI url;
        try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
            url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key(key).responseContentDisposition("attachment; filename=\"x.txt\"")))
                    .url().toURI();
        }
        assertTrue(url.getRawQuery().contains("response-content-disposition="), url::toString);
        HttpResponse<byte[]> fetched = server.http().send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, fetched.statusCode(), () -> new String(fetched.body(), StandardCharsets.UTF_8));
        assertArrayEquals(body, fetched.body());

        // The override is signed: changing it breaks the signature.
        URI changed = URI.create(url.toString().replace("x.txt", "y.txt"));
        assertNotEquals(url, changed);
        assertErrorDocument(plainGet(changed), 403, "SignatureDoesNotMatch");
    }

    @Test
    void expiredPresignedUrlIsAccessDenied() throws Exception {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        HttpResponse<String> expired = plainGet(presigned(twoHoursAgo, Duration.ofHours(1)));
        assertErrorDocument(expired, 403, "AccessDenied");
        assertEquals("Request has expired", element(expired.body(), "Message"));
        assertNoSecret(expired, server.adminSecretKey());

        // Signed the same way but still valid: served.
        HttpResponse<String> valid = plainGet(presigned(twoHoursAgo, Duration.ofHours(3)));
        assertEquals(200, valid.statusCode(), valid::body);
    }

    @Test
    void presignedUrlLivesAtMostAWeek() throws Exception {
        URI week = presigned(Instant.now(), Duration.ofSeconds(SigV4Signer.MAX_PRESIGN_EXPIRES_SECONDS));
        assertEquals(200, plainGet(week).statusCode());

        URI longer = URI.create(week.toString().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801"));
        assertNotEquals(week, longer);
        HttpResponse<String> response = plainGet(longer);
        assertErrorDocument(response, 400, "AuthorizationQueryParametersError");
        assertNoSecret(response, server.adminSecretKey());
    }

    @Test
    void malformedAuthorizationHeaderIsAuthorizationHeaderMalformed() throws Exception {
        String scope = RawRequest.amzDate(Instant.now()).substring(0, 8) + "/us-east-1/s3/aws4_request";
        String signature = "0".repeat(64);
        List<String> malformed = List.of(
                // no Signature component
                "AWS4-HMAC-SHA256 Credential=" + server.adminAccessKey() + "/" + scope + ", SignedHeaders=host;x-amz-date",
                // a Credential without date and terminator
                "AWS4-HMAC-SHA256 Credential=" + server.adminAccessKey() + "/us-east-1/s3, SignedHeaders=host, Signature=" + signature,
                // no components at all
                "AWS4-HMAC-SHA256 garbage");
        for (String authorization : malformed) {
            HttpResponse<String> response = RawRequest.of(server, "GET", PATH)
                    .header("x-amz-date", RawRequest.amzDate(Instant.now()))
                    .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                    .header("Authorization", authorization)
                    .send();
            assertErrorDocument(response, 400, "AuthorizationHeaderMalformed");
            assertNoSecret(response, server.adminSecretKey());
        }
    }

    @Test
    void anonymousRequestIsAccessDenied() throws Exception {
        for (String path : List.of("/", "/" + BUCKET, PATH)) {
            HttpResponse<String> response = RawRequest.of(server, "GET", path).send();
            assertErrorDocument(response, 403, "AccessDenied");
        }
        HttpResponse<String> put = RawRequest.of(server, "PUT", "/" + BUCKET + "/anonymous.txt").send();
        assertErrorDocument(put, 403, "AccessDenied");
        assertS3Error(404, "NoSuchKey", () -> server.s3().headObject(h -> h.bucket(BUCKET).key("anonymous.txt")));
    }

    @Test
    void missingContentSha256IsRefused() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> response = RawRequest.of(server, "GET", PATH)
                .header("x-amz-date", RawRequest.amzDate(now))
                .signedHeaders(server.adminAccessKey(), server.adminSecretKey(), List.of("host", "x-amz-date"))
                .send();
        // S3: 400 InvalidRequest "Missing required header for this request: x-amz-content-sha256".
        assertErrorDocument(response, 400, "InvalidRequest");
        assertTrue(element(response.body(), "Message").contains("x-amz-content-sha256"), response::body);
        assertNoSecret(response, server.adminSecretKey());

        // With the header (sent, not signed: S3 requires it, not its signature) it is served.
        HttpResponse<String> withHeader = RawRequest.of(server, "GET", PATH)
                .header("x-amz-date", RawRequest.amzDate(now))
                .header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .signedHeaders(server.adminAccessKey(), server.adminSecretKey(), List.of("host", "x-amz-date"))
                .send();
        assertEquals(200, withHeader.statusCode(), withHeader::body);
    }

    private HttpResponse<String> signedGet(String path, String accessKey, String secretKey, Instant at) throws Exception {
        return RawRequest.of(server, "GET", path).signed(accessKey, secretKey, at).send();
    }

    private HttpResponse<String> plainGet(URI url) throws Exception {
        return server.http().send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A presigned GET of the test object, signed by the admin at {@code at}. */
    private URI presigned(Instant at, Duration expires) {
        String query = SigV4Signer.presignedQuery("GET", PATH, null, server.host(), server.adminAccessKey(),
                server.adminSecretKey().getBytes(StandardCharsets.UTF_8), "us-east-1", at, expires);
        return server.uri(PATH + "?" + query);
    }

    /** The same URL with the last hex digit of X-Amz-Signature changed. */
    private static URI tamperSignature(URI url) {
        String text = url.toString();
        int at = text.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length() + 63;
        char last = text.charAt(at);
        return URI.create(text.substring(0, at) + (last == '0' ? '1' : '0') + text.substring(at + 1));
    }
}
