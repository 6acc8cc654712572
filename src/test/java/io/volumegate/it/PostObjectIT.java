package io.volumegate.it;

import io.volumegate.auth.Credential;
import io.volumegate.auth.PostPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * POST Object, the browser form upload: a form signed with SigV4 or SigV2 stores its file,
 * answers as {@code success_action_status} or {@code success_action_redirect} say, and every
 * way a form can be wrong is refused with S3's error, storing nothing. Large files stream.
 */
class PostObjectIT extends ObjectTestBase {
    private static final String BUCKET = "postobjectit";
    private static final String OTHER_BUCKET = "postobjectit-other";
    private static final byte[] CONTENT = "hello from a form\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    // ---- success ---------------------------------------------------------------------------

    @Test
    void aSigV4FormStoresItsFileWithItsMetadata() throws Exception {
        bucket(BUCKET);
        Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "v4/a.txt").startsWith("Content-Type", "text/")
                .equals("x-amz-meta-note", "from a form").equals("acl", "private"));
        fields.put("key", "v4/a.txt");
        fields.put("Content-Type", "text/plain");
        fields.put("x-amz-meta-note", "from a form");
        fields.put("acl", "private");
        fields.put("x-ignore-anything", "not in the policy, and needs not be");
        HttpResponse<byte[]> response = post(BUCKET, fields, CONTENT);

        assertEquals(204, response.statusCode(), () -> RawS3.text(response));
        assertEquals(quotedMd5(CONTENT), response.headers().firstValue("ETag").orElseThrow());
        assertEquals(server.endpoint() + BUCKET + "/v4/a.txt", response.headers().firstValue("Location").orElseThrow());
        assertTrue(response.headers().firstValue("x-amz-checksum-crc64nvme").isPresent(), "the checksum a PUT gets");
        ResponseBytes<GetObjectResponse> stored = get(BUCKET, "v4/a.txt");
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), stored.asUtf8String());
        assertEquals("text/plain", stored.response().contentType());
        assertEquals(Map.of("note", "from a form"), stored.response().metadata());
        assertEquals(quotedMd5(CONTENT), stored.response().eTag());
    }

    @Test
    void aSigV2FormStoresItsFile() throws Exception {
        bucket(BUCKET);
        String policy = policy(BUCKET).startsWith("key", "v2/").equals("acl", "private").encoded();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "v2/b.txt");
        fields.put("AWSAccessKeyId", server.adminAccessKey());
        fields.put("acl", "private");
        fields.put("signature", hmacSha1(server.adminSecretKey(), policy));
        fields.put("policy", policy);
        HttpResponse<byte[]> response = post(BUCKET, fields, CONTENT);
        assertEquals(204, response.statusCode(), () -> RawS3.text(response));
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), get(BUCKET, "v2/b.txt").asUtf8String());
        assertEquals("binary/octet-stream", get(BUCKET, "v2/b.txt").response().contentType(), "no Content-Type field: as a PUT without one");
    }

    @Test
    void eachSuccessActionStatusAnswersAsS3Does() throws Exception {
        bucket(BUCKET);
        HttpResponse<byte[]> ok = postWithStatus("200");
        assertEquals(200, ok.statusCode(), () -> RawS3.text(ok));
        assertEquals(0, ok.body().length);

        HttpResponse<byte[]> created = postWithStatus("201");
        assertEquals(201, created.statusCode(), () -> RawS3.text(created));
        String xml = RawS3.text(created);
        assertTrue(xml.contains("<PostResponse>") && !xml.contains("xmlns"), "a PostResponse in no namespace, as S3 writes it: " + xml);
        assertEquals(BUCKET, S3Assertions.element(xml, "Bucket"));
        assertEquals("status/file.txt", S3Assertions.element(xml, "Key"));
        assertEquals(quotedMd5(CONTENT), S3Assertions.element(xml, "ETag").replace("&quot;", "\""));
        assertEquals(server.endpoint() + BUCKET + "/status/file.txt", S3Assertions.element(xml, "Location"));

        HttpResponse<byte[]> noContent = postWithStatus("204");
        assertEquals(204, noContent.statusCode());
        HttpResponse<byte[]> other = postWithStatus("404");
        assertEquals(204, other.statusCode(), "any other status is the default 204, as on S3");
    }

    private HttpResponse<byte[]> postWithStatus(String status) throws Exception {
        Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "status/file.txt").equals("success_action_status", status));
        fields.put("key", "status/file.txt");
        fields.put("success_action_status", status);
        return post(BUCKET, fields, CONTENT);
    }

    @Test
    void aRedirectGetsBucketKeyAndETag() throws Exception {
        bucket(BUCKET);
        for (String redirect : List.of("https://app.example/done", "https://app.example/done?upload=7")) {
            Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "r/a b.txt").equals("success_action_redirect", redirect));
            fields.put("key", "r/a b.txt");
            fields.put("success_action_redirect", redirect);
            HttpResponse<byte[]> response = post(BUCKET, fields, CONTENT);
            assertEquals(303, response.statusCode(), () -> RawS3.text(response));
            assertEquals(redirect + (redirect.contains("?") ? "&" : "?") + "bucket=" + BUCKET + "&key=r%2Fa%20b.txt&etag=%22"
                    + md5Hex(CONTENT) + "%22", response.headers().firstValue("Location").orElseThrow());
        }
    }

    @Test
    void theFilenameVariableIsTheUploadedFilesName() throws Exception {
        bucket(BUCKET);
        Map<String, String> fields = signedV4(policy(BUCKET).startsWith("key", "named/"));
        fields.put("key", "named/${filename}");
        HttpResponse<byte[]> response = post(BUCKET, fields, "photo 1.jpg", CONTENT);
        assertEquals(204, response.statusCode(), () -> RawS3.text(response));
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), get(BUCKET, "named/photo 1.jpg").asUtf8String());
    }

    @Test
    void checksumFieldsAreVerifiedLikeAPutsHeaders() throws Exception {
        bucket(BUCKET);
        Map<String, String> good = signedV4(policy(BUCKET).equals("key", "sum.txt"));
        good.put("key", "sum.txt");
        good.put("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(digest("SHA-256", CONTENT)));
        HttpResponse<byte[]> stored = post(BUCKET, good, CONTENT);
        assertEquals(204, stored.statusCode(), () -> RawS3.text(stored));
        assertEquals(good.get("x-amz-checksum-sha256"), stored.headers().firstValue("x-amz-checksum-sha256").orElseThrow());

        Map<String, String> bad = signedV4(policy(BUCKET).equals("key", "badsum.txt"));
        bad.put("key", "badsum.txt");
        bad.put("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(digest("SHA-256", "other".getBytes())));
        assertRawError(400, "BadDigest", post(BUCKET, bad, CONTENT));
        assertFalse(Files.exists(bucket(BUCKET).resolve("badsum.txt")));
        assertNoTempFiles(bucket(BUCKET));
    }

    @Test
    void fieldsAfterTheFileAreIgnored() throws Exception {
        bucket(BUCKET);
        Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "after.txt"));
        fields.put("key", "after.txt");
        HttpResponse<byte[]> response = send(BUCKET, form(fields).file("file", "after.txt", null, CONTENT)
                .field("x-amz-meta-late", "neither stored nor checked"));
        assertEquals(204, response.statusCode(), () -> RawS3.text(response));
        assertEquals(Map.of(), get(BUCKET, "after.txt").response().metadata());

        Map<String, String> keyless = signedV4(policy(BUCKET).equals("key", "late.txt"));
        HttpResponse<byte[]> late = send(BUCKET, form(keyless).file("file", "late.txt", null, CONTENT).field("key", "late.txt"));
        assertRawError(400, "InvalidArgument", late);
        assertTrue(RawS3.text(late).contains("please check the order of the fields"), RawS3.text(late));
        assertFalse(Files.exists(bucket(BUCKET).resolve("late.txt")));
    }

    // ---- refusals ----------------------------------------------------------------------------

    @Test
    void eachViolatedConditionIsAccessDenied() throws Exception {
        bucket(BUCKET);
        bucket(OTHER_BUCKET);
        record Case(String name, PostPolicy.Builder policy, Consumer<Map<String, String>> form, String bucket) {}
        List<Case> cases = List.of(
                new Case("key prefix", policy(BUCKET).startsWith("key", "mine/"), f -> f.put("key", "yours/x.txt"), BUCKET),
                new Case("key", policy(BUCKET).equals("key", "exact.txt"), f -> f.put("key", "other.txt"), BUCKET),
                new Case("acl", policy(BUCKET).equals("key", "v.txt").equals("acl", "private"),
                        f -> { f.put("key", "v.txt"); f.put("acl", "public-read"); }, BUCKET),
                new Case("Content-Type", policy(BUCKET).equals("key", "v.txt").startsWith("Content-Type", "image/"),
                        f -> { f.put("key", "v.txt"); f.put("Content-Type", "text/html"); }, BUCKET),
                new Case("metadata", policy(BUCKET).equals("key", "v.txt").equals("x-amz-meta-owner", "ann"),
                        f -> { f.put("key", "v.txt"); f.put("x-amz-meta-owner", "bob"); }, BUCKET),
                new Case("missing metadata", policy(BUCKET).equals("key", "v.txt").startsWith("x-amz-meta-owner", "a"),
                        f -> f.put("key", "v.txt"), BUCKET),
                new Case("status", policy(BUCKET).equals("key", "v.txt").equals("success_action_status", "201"),
                        f -> { f.put("key", "v.txt"); f.put("success_action_status", "200"); }, BUCKET),
                new Case("redirect", policy(BUCKET).equals("key", "v.txt").startsWith("success_action_redirect", "https://app.example/"),
                        f -> { f.put("key", "v.txt"); f.put("success_action_redirect", "https://evil.example/"); }, BUCKET),
                new Case("extra field", policy(BUCKET).equals("key", "v.txt"),
                        f -> { f.put("key", "v.txt"); f.put("x-amz-meta-sneaky", "1"); }, BUCKET),
                new Case("bucket", policy(BUCKET).equals("key", "v.txt"), f -> f.put("key", "v.txt"), OTHER_BUCKET));
        for (Case c : cases) {
            Map<String, String> fields = signedV4(c.policy());
            c.form().accept(fields);
            HttpResponse<byte[]> response = post(c.bucket(), fields, CONTENT);
            assertEquals(403, response.statusCode(), () -> c.name() + ": " + RawS3.text(response));
            assertEquals("AccessDenied", RawS3.errorCode(RawS3.text(response)), c.name());
            assertTrue(RawS3.text(response).contains("Invalid according to Policy"), () -> c.name() + ": " + RawS3.text(response));
        }
        for (String key : List.of("yours/x.txt", "other.txt", "v.txt")) assertFalse(Files.exists(bucket(BUCKET).resolve(key)), key);
        assertFalse(Files.exists(bucket(OTHER_BUCKET).resolve("v.txt")));
        assertNoTempFiles(bucket(BUCKET));
    }

    @Test
    void anExpiredPolicyIsAccessDenied() throws Exception {
        bucket(BUCKET);
        Map<String, String> fields = signedV4(new PostPolicy.Builder(Instant.now().minusSeconds(60))
                .equals("bucket", BUCKET).equals("key", "expired.txt"));
        fields.put("key", "expired.txt");
        HttpResponse<byte[]> response = post(BUCKET, fields, CONTENT);
        assertRawError(403, "AccessDenied", response);
        assertTrue(RawS3.text(response).contains("Invalid according to Policy: Policy expired."), RawS3.text(response));
        assertFalse(Files.exists(bucket(BUCKET).resolve("expired.txt")));
    }

    @Test
    void badSignaturesAndUnknownKeysAreRefused() throws Exception {
        bucket(BUCKET);
        Map<String, String> tampered = signedV4(policy(BUCKET).equals("key", "t.txt"));
        tampered.put("key", "t.txt");
        tampered.put("policy", policy(BUCKET).startsWith("key", "").encoded()); // a wider policy under the old signature
        assertRawError(403, "SignatureDoesNotMatch", post(BUCKET, tampered, CONTENT));

        String policy = policy(BUCKET).equals("key", "t.txt").equals("acl", "private").encoded();
        Map<String, String> v2 = new LinkedHashMap<>();
        v2.put("key", "t.txt");
        v2.put("AWSAccessKeyId", server.adminAccessKey());
        v2.put("policy", policy);
        v2.put("signature", new StringBuilder(hmacSha1(server.adminSecretKey(), policy)).reverse().toString());
        assertRawError(403, "SignatureDoesNotMatch", post(BUCKET, v2, CONTENT));
        v2.put("AWSAccessKeyId", "NOSUCHKEY");
        v2.put("signature", hmacSha1(server.adminSecretKey(), policy));
        assertRawError(403, "InvalidAccessKeyId", post(BUCKET, v2, CONTENT));
        v2.put("AWSAccessKeyId", server.adminAccessKey());
        v2.remove("signature");
        assertRawError(400, "InvalidArgument", post(BUCKET, v2, CONTENT));
        assertFalse(Files.exists(bucket(BUCKET).resolve("t.txt")));
    }

    @Test
    void aFormWithoutPolicyIsAnonymousAndRefused() throws Exception {
        bucket(BUCKET);
        HttpResponse<byte[]> response = post(BUCKET, new LinkedHashMap<>(Map.of("key", "anon.txt")), CONTENT);
        assertRawError(403, "AccessDenied", response);
        assertFalse(Files.exists(bucket(BUCKET).resolve("anon.txt")));
        // an unsigned form reaches POST Object only
        HttpRequest toObject = HttpRequest.newBuilder(server.uri("/" + BUCKET + "/some/key?uploads"))
                .header("Content-Type", form(Map.of()).contentType()).POST(form(Map.of()).publisher()).build();
        assertRawError(403, "AccessDenied", server.http().send(toObject, HttpResponse.BodyHandlers.ofByteArray()));
    }

    @Test
    void aMalformedPolicyIsAnInvalidPolicyDocument() throws Exception {
        bucket(BUCKET);
        String policy = Base64.getEncoder().encodeToString("{\"conditions\": []}".getBytes(StandardCharsets.UTF_8));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", "m.txt");
        fields.put("AWSAccessKeyId", server.adminAccessKey());
        fields.put("policy", policy);
        fields.put("signature", hmacSha1(server.adminSecretKey(), policy));
        assertRawError(400, "InvalidPolicyDocument", post(BUCKET, fields, CONTENT));
    }

    @Test
    void aFormWithoutAFileIsRefused() throws Exception {
        bucket(BUCKET);
        Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "nofile.txt"));
        fields.put("key", "nofile.txt");
        assertRawError(400, "IncorrectNumberOfFilesInPostRequest", send(BUCKET, form(fields)));
        assertFalse(Files.exists(bucket(BUCKET).resolve("nofile.txt")));
    }

    @Test
    void aMalformedBodyIsAMalformedPostRequest() throws Exception {
        bucket(BUCKET);
        HttpRequest request = HttpRequest.newBuilder(server.uri("/" + BUCKET))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk")).build();
        assertRawError(400, "MalformedPOSTRequest", server.http().send(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    @Test
    void theContentLengthRangeBoundsTheFile() throws Exception {
        bucket(BUCKET);
        Map<String, String> large = signedV4(policy(BUCKET).equals("key", "range.bin").contentLengthRange(1, 1000));
        large.put("key", "range.bin");
        assertRawError(400, "EntityTooLarge", post(BUCKET, large, new byte[1001]));
        Map<String, String> small = signedV4(policy(BUCKET).equals("key", "range.bin").contentLengthRange(10, 1000));
        small.put("key", "range.bin");
        assertRawError(400, "EntityTooSmall", post(BUCKET, small, new byte[9]));
        assertFalse(Files.exists(bucket(BUCKET).resolve("range.bin")));
        assertNoTempFiles(bucket(BUCKET));

        Map<String, String> fits = signedV4(policy(BUCKET).equals("key", "range.bin").contentLengthRange(10, 1000));
        fits.put("key", "range.bin");
        assertEquals(204, post(BUCKET, fits, new byte[1000]).statusCode());
    }

    @Test
    void theCredentialsBucketScopeHoldsAsForPutObject() throws Exception {
        bucket(BUCKET);
        bucket(OTHER_BUCKET);
        Credential elsewhere = ScopedCredentials.credential(server, Set.of(OTHER_BUCKET), false);
        Credential readOnly = ScopedCredentials.credential(server, Set.of(BUCKET), true);
        Credential scoped = ScopedCredentials.credential(server, Set.of(BUCKET), false);
        for (Credential refused : List.of(elsewhere, readOnly)) {
            Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "scoped.txt"), refused);
            fields.put("key", "scoped.txt");
            HttpResponse<byte[]> response = post(BUCKET, fields, CONTENT);
            assertRawError(403, "AccessDenied", response);
            assertTrue(RawS3.text(response).contains("may not write this bucket"), RawS3.text(response));
        }
        assertFalse(Files.exists(bucket(BUCKET).resolve("scoped.txt")));
        Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "scoped.txt"), scoped);
        fields.put("key", "scoped.txt");
        assertEquals(204, post(BUCKET, fields, CONTENT).statusCode());
    }

    // ---- streaming and real clients ----------------------------------------------------------

    /**
     * 64 MiB posted while the test holds back its second half: the temp file has taken most of
     * the first half before the body is complete, so the file streams to disk, not to memory.
     */
    @Test
    void aLargeFileStreamsToDiskAsItArrives() throws Exception {
        Path bucket = bucket(BUCKET);
        long size = 64L << 20;
        long held = 32L << 20;
        Map<String, String> fields = signedV4(policy(BUCKET).equals("key", "large.bin").contentLengthRange(0, size));
        fields.put("key", "large.bin");
        CountDownLatch release = new CountDownLatch(1);
        MessageDigest sent = MessageDigest.getInstance("MD5");
        InputStream gated = new InputStream() {
            private final InputStream content = new PatternStream(7, size);
            private long read;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
                if (read == held) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException();
                    }
                }
                int n = content.read(buffer, offset, read < held ? (int) Math.min(length, held - read) : length);
                if (n > 0) {
                    sent.update(buffer, offset, n);
                    read += n;
                }
                return n;
            }
        };
        MultipartBody body = form(fields).file("file", "large.bin", "application/octet-stream", () -> gated, size);
        CompletableFuture<HttpResponse<byte[]>> answer = server.http().sendAsync(
                HttpRequest.newBuilder(server.uri("/" + BUCKET)).header("Content-Type", body.contentType()).POST(body.publisher()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long onDisk = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (onDisk < 24L << 20 && System.nanoTime() < deadline) {
            onDisk = tempBytes(bucket);
            Thread.sleep(50);
        }
        release.countDown();
        assertTrue(onDisk >= 24L << 20, "the first half of the file is on disk while the second is held back: " + onDisk);
        HttpResponse<byte[]> response = answer.get(120, TimeUnit.SECONDS);
        assertEquals(204, response.statusCode(), () -> RawS3.text(response));
        assertEquals(size, Files.size(bucket.resolve("large.bin")));
        assertEquals('"' + HexFormat.of().formatHex(sent.digest()) + '"', response.headers().firstValue("ETag").orElseThrow());
        Files.delete(bucket.resolve("large.bin"));
    }

    private static long tempBytes(Path bucket) throws java.io.IOException {
        Path tmp = bucket.resolve(".volumegate").resolve("tmp");
        if (!Files.isDirectory(tmp)) return 0;
        try (Stream<Path> files = Files.list(tmp)) {
            long total = 0;
            for (Path file : files.toList()) {
                try {
                    total += Files.size(file);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // committed or removed meanwhile
                }
            }
            return total;
        }
    }

    @Test
    void boto3sPresignedPostPostedWithCurlStoresTheFile() throws Exception {
        bucket(BUCKET);
        assumeTrue(ExternalCommand.run(server, List.of("python3", "-c", "import boto3"), temp).exitCode() == 0,
                "python3 with boto3 is not installed");
        assumeTrue(ExternalCommand.run(server, List.of("curl", "--version"), temp).exitCode() == 0, "curl is not installed");
        ExternalCommand.Result form = ExternalCommand.run(server, List.of("python3",
                Path.of("src/test/scripts/boto3-presigned-post.py").toAbsolutePath().toString(), BUCKET, "boto3/${filename}", "1048576"), temp);
        assertEquals(0, form.exitCode(), form.output());
        String json = form.output().strip();
        Path file = temp.resolve("notes.txt");
        Files.write(file, CONTENT);

        List<String> curl = new ArrayList<>(List.of("curl", "-sS", "-o", temp.resolve("answer.xml").toString(), "-w", "%{http_code}"));
        for (Map.Entry<String, String> field : jsonFields(json).entrySet()) {
            curl.add("--form-string");
            curl.add(field.getKey() + "=" + field.getValue());
        }
        curl.add("-F");
        curl.add("file=@" + file);
        curl.add(jsonString(json, "url"));
        ExternalCommand.Result posted = ExternalCommand.run(server, curl, temp);
        String answer = Files.readString(temp.resolve("answer.xml"));
        assertEquals("201", posted.output().strip(), posted.output() + "\n" + answer + "\nform: " + json);
        assertEquals("boto3/notes.txt", S3Assertions.element(answer, "Key"));
        ResponseBytes<GetObjectResponse> stored = get(BUCKET, "boto3/notes.txt");
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), stored.asUtf8String());
        assertEquals("text/plain", stored.response().contentType());
    }

    // ---- the management API's presigned POST ------------------------------------------------

    @Test
    void theApisPresignedPostFormUploadsAFile() throws Exception {
        bucket(BUCKET);
        ApiClient api = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        HttpResponse<String> answer = api.post("/buckets/" + BUCKET + "/presign-post", "{\"key\": \"api/${filename}\", "
                + "\"expires_in\": 600, \"fields\": {\"Content-Type\": \"text/plain\", \"success_action_status\": \"201\"}, "
                + "\"max_size\": 1024}");
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, Object> presigned = ApiClient.json(answer);
        assertEquals(server.endpoint() + BUCKET, presigned.get("url"));
        assertEquals(600, ((Number) presigned.get("expires_in")).intValue());
        @SuppressWarnings("unchecked")
        Map<String, String> fields = new LinkedHashMap<>((Map<String, String>) presigned.get("fields"));
        assertEquals("api/${filename}", fields.get("key"));
        assertEquals("AWS4-HMAC-SHA256", fields.get("x-amz-algorithm"));

        HttpResponse<byte[]> stored = post(BUCKET, fields, "from-api.txt", CONTENT);
        assertEquals(201, stored.statusCode(), () -> RawS3.text(stored));
        assertEquals("api/from-api.txt", S3Assertions.element(RawS3.text(stored), "Key"));
        assertEquals("text/plain", get(BUCKET, "api/from-api.txt").response().contentType());

        assertRawError(400, "EntityTooLarge", post(BUCKET, fields, "big.txt", new byte[1025]));
        Map<String, String> otherType = new LinkedHashMap<>(fields);
        otherType.put("Content-Type", "text/html");
        assertRawError(403, "AccessDenied", post(BUCKET, otherType, "page.html", CONTENT));
        assertFalse(Files.exists(bucket(BUCKET).resolve("api/big.txt")));
        assertFalse(Files.exists(bucket(BUCKET).resolve("api/page.html")));
    }

    @Test
    void theApiPresignsPostsOnlyForWhatTheCallerMayWrite() throws Exception {
        bucket(BUCKET);
        ApiClient admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        ApiClient.assertApiError(admin.post("/buckets/" + BUCKET + "/presign-post",
                "{\"key\": \"k\", \"fields\": {\"policy\": \"mine\"}}"), 400, "InvalidArgument");
        ApiClient.assertApiError(admin.post("/buckets/" + BUCKET + "/presign-post", "{\"expires_in\": 60}"), 400, "InvalidArgument");
        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "PostObjectIT read-only");
        ApiClient.assertApiError(readOnly.post("/buckets/" + BUCKET + "/presign-post", "{\"key\": \"k\"}"), 403, "AccessDenied");
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static PostPolicy.Builder policy(String bucket) {
        return new PostPolicy.Builder(Instant.now().plusSeconds(600)).equals("bucket", bucket);
    }

    /** The policy's SigV4 fields, signed with the admin key, to which a test adds its own. */
    private Map<String, String> signedV4(PostPolicy.Builder policy) {
        return new LinkedHashMap<>(policy.signV4(server.adminAccessKey(), server.adminSecretKey().getBytes(StandardCharsets.UTF_8),
                "us-east-1", Instant.now()));
    }

    private static Map<String, String> signedV4(PostPolicy.Builder policy, Credential credential) {
        return new LinkedHashMap<>(policy.signV4(credential.accessKeyId(), credential.secret(), "us-east-1", Instant.now()));
    }

    private static MultipartBody form(Map<String, String> fields) {
        MultipartBody body = new MultipartBody();
        fields.forEach(body::field);
        return body;
    }

    private HttpResponse<byte[]> post(String bucket, Map<String, String> fields, byte[] file) throws Exception {
        return post(bucket, fields, "upload.txt", file);
    }

    private HttpResponse<byte[]> post(String bucket, Map<String, String> fields, String filename, byte[] file) throws Exception {
        return send(bucket, form(fields).file("file", filename, "application/octet-stream", file));
    }

    private HttpResponse<byte[]> send(String bucket, MultipartBody body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/" + bucket))
                .header("Content-Type", body.contentType()).POST(body.publisher()).build();
        return server.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String hmacSha1(String secret, String policy) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(policy.getBytes(StandardCharsets.UTF_8)));
    }

    /** boto3's {"url": ..., "fields": {...}}: string values only, so a small reader does. */
    private static Map<String, String> jsonFields(String json) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            Map<String, String> fields = new LinkedHashMap<>();
            reader.readObject().getJsonObject("fields").forEach((name, value) ->
                    fields.put(name, ((jakarta.json.JsonString) value).getString()));
            return fields;
        }
    }

    private static String jsonString(String json, String name) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject().getString(name);
        }
    }
}
