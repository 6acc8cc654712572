package io.volumegate.it;

import io.volumegate.auth.SigV4Signer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bodies and keys the server must refuse, each storing nothing, leaving the previous object
 * untouched and no temp file behind; and the shape of errors: S3 XML, a request id on every
 * response, 501 for operations not built.
 */
class ObjectIntegrityIT extends ObjectTestBase {
    private static final String BUCKET = "objectintegrityit";
    private static final byte[] ORIGINAL = "the original, which no failed upload may touch".getBytes(StandardCharsets.UTF_8);

    /** Puts the original at {@code key}; returns its ETag. */
    private String original(String key) {
        bucket(BUCKET);
        return put(BUCKET, key, ORIGINAL);
    }

    private void assertOriginalUntouched(String key, String etag) throws Exception {
        ResponseBytes<GetObjectResponse> got = get(BUCKET, key);
        assertArrayEquals(ORIGINAL, got.asByteArray(), "previous content untouched");
        assertEquals(etag, got.response().eTag(), "previous ETag untouched");
        Path bucket = server.volume().resolve(BUCKET);
        assertArrayEquals(ORIGINAL, Files.readAllBytes(bucket.resolve(key)));
        assertNoTempFiles(bucket);
    }

    @Test
    void wrongContentMd5IsBadDigest() throws Exception {
        String etag = original("md5-wrong");
        String md5OfSomethingElse = Base64.getEncoder().encodeToString(digest("MD5", "something else".getBytes(StandardCharsets.UTF_8)));

        assertS3Error(400, "BadDigest", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("md5-wrong").contentMD5(md5OfSomethingElse),
                RequestBody.fromString("the replacement")));
        assertOriginalUntouched("md5-wrong", etag);

        // A new key stays absent.
        assertS3Error(400, "BadDigest", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("md5-wrong-new").contentMD5(md5OfSomethingElse),
                RequestBody.fromString("the replacement")));
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve("md5-wrong-new")));
        assertNoTempFiles(server.volume().resolve(BUCKET));

        // The right Content-MD5 is accepted.
        byte[] replacement = "the replacement".getBytes(StandardCharsets.UTF_8);
        String rightMd5 = Base64.getEncoder().encodeToString(digest("MD5", replacement));
        assertEquals(quotedMd5(replacement), server.s3().putObject(b -> b.bucket(BUCKET).key("md5-wrong").contentMD5(rightMd5),
                RequestBody.fromBytes(replacement)).eTag());
        assertArrayEquals(replacement, get(BUCKET, "md5-wrong").asByteArray());
    }

    @Test
    void malformedContentMd5IsInvalidDigest() throws Exception {
        String etag = original("md5-malformed");
        for (String malformed : new String[] {"not base64 at all!", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})}) {
            assertS3Error(400, "InvalidDigest", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("md5-malformed").contentMD5(malformed),
                    RequestBody.fromString("the replacement")));
            assertOriginalUntouched("md5-malformed", etag);
        }
    }

    @Test
    void bodyThatDoesNotMatchTheSignedSha256IsRefused() throws Exception {
        String etag = original("sha-mismatch");
        byte[] sent = "the body actually sent".getBytes(StandardCharsets.UTF_8);
        String signedFor = SigV4Signer.sha256Hex("the body that was signed".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> response = raw().put("/" + BUCKET + "/sha-mismatch").payloadHash(signedFor).body(sent).send();
        assertRawError(400, "XAmzContentSHA256Mismatch", response);
        assertOriginalUntouched("sha-mismatch", etag);

        // The same request signed for what it sends is fine: the refusal was about the hash.
        assertEquals(200, raw().put("/" + BUCKET + "/sha-match").body(sent).send().statusCode());
        assertArrayEquals(sent, get(BUCKET, "sha-match").asByteArray());
    }

    /**
     * A declared Content-Length over 5 GiB is refused from the headers alone: the client
     * sends no body byte, and the answer must still come (no waiting for 5 GiB).
     */
    @Test
    void contentLengthOverFiveGibIsEntityTooLargeBeforeTheBody() throws Exception {
        String etag = original("too-large");
        long declared = 5L * 1024 * 1024 * 1024 + 1;

        long started = System.nanoTime();
        RawS3.SocketResponse response = raw().put("/" + BUCKET + "/too-large").sendOverSocket(declared, 10_000);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(400, response.status(), response.head());
        assertEquals("EntityTooLarge", response.errorCode(), response.body());
        assertTrue(millis < 5_000, "answered in " + millis + " ms without the body");
        assertTrue(response.hasHeader("Connection", "close"), "the unread body makes the connection unusable: " + response.head());
        assertOriginalUntouched("too-large", etag);
    }

    @Test
    void keyOver1024BytesIsKeyTooLong() throws Exception {
        Path bucket = bucket(BUCKET);
        // 5 segments of 200 bytes + 4 slashes + "x..." = 1025+ bytes; no segment is too long.
        String segment = "s".repeat(200);
        String key = String.join("/", segment, segment, segment, segment, segment) + "/" + "x".repeat(20);
        assertTrue(key.getBytes(StandardCharsets.UTF_8).length > 1024);

        assertS3Error(400, "KeyTooLongError", () -> put(BUCKET, key, "data".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Files.exists(bucket.resolve(segment)), "no folder made for a refused key");
        assertNoTempFiles(bucket);

        String exactly1024 = key.substring(0, 1024);
        assertEquals(1024, exactly1024.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(quotedMd5(ORIGINAL), put(BUCKET, exactly1024, ORIGINAL), "1024 bytes is still a valid key");
        assertArrayEquals(ORIGINAL, get(BUCKET, exactly1024).asByteArray());
        server.s3().deleteObject(b -> b.bucket(BUCKET).key(exactly1024));
    }

    @Test
    void segmentOver255BytesIsKeyTooLong() throws Exception {
        Path bucket = bucket(BUCKET);
        String etag = original("long/segment");
        String key = "long/" + "é".repeat(128); // 256 bytes of UTF-8 in 128 characters

        assertS3Error(400, "KeyTooLongError", () -> put(BUCKET, key, "data".getBytes(StandardCharsets.UTF_8)));
        assertS3Error(400, "KeyTooLongError", () -> get(BUCKET, key));
        try (var names = Files.list(bucket.resolve("long"))) {
            assertEquals(1, names.count(), "only the original in long/");
        }
        assertOriginalUntouched("long/segment", etag);

        String longest = "long/" + "é".repeat(127) + "e"; // 255 bytes
        assertEquals(quotedMd5(ORIGINAL), put(BUCKET, longest, ORIGINAL));
        assertTrue(Files.isRegularFile(bucket.resolve(longest)));
    }

    @Test
    void unimplementedOperationsAnswer501InS3Xml() throws Exception {
        original("tag-me");
        assertS3Error(501, "NotImplemented", () -> server.s3().getObjectTorrent(b -> b.bucket(BUCKET).key("tag-me"),
                software.amazon.awssdk.core.sync.ResponseTransformer.toBytes()));
        assertS3Error(501, "NotImplemented", () -> server.s3().getBucketWebsite(b -> b.bucket(BUCKET)));

        HttpResponse<byte[]> response = raw().get("/" + BUCKET + "/tag-me?torrent").send();
        assertRawError(501, "NotImplemented", response);
        assertErrorDocument(response);
    }

    @Test
    void errorBodiesAreS3XmlWithRequestIdAndNoStackTrace() throws Exception {
        bucket(BUCKET);
        assertErrorDocument(raw().get("/" + BUCKET + "/no/such/key").send());
        assertErrorDocument(raw().get("/no-such-bucket-objectintegrityit/key").send());
        // Not signed at all.
        HttpResponse<byte[]> anonymous = server.http().send(HttpRequest.newBuilder(server.uri("/" + BUCKET + "/key")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, anonymous.statusCode());
        assertErrorDocument(anonymous);
        // Signed with a wrong secret.
        try (var stranger = server.s3(server.adminAccessKey(), "not-the-secret")) {
            S3Exception denied = assertS3Error(403, "SignatureDoesNotMatch", () -> stranger.getObjectAsBytes(b -> b.bucket(BUCKET).key("key")));
            assertNotNull(denied.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-request-id").orElse(null));
        }
    }

    private static void assertErrorDocument(HttpResponse<byte[]> response) {
        String body = RawS3.text(response);
        assertTrue(response.statusCode() >= 400, body);
        assertEquals("application/xml", response.headers().firstValue("Content-Type").orElse("").split(";")[0], body);
        assertTrue(body.startsWith("<?xml"), body);
        assertTrue(body.contains("<Error><Code>"), body);
        assertNotNull(RawS3.errorCode(body), body);
        String requestId = response.headers().firstValue("x-amz-request-id").orElse(null);
        assertNotNull(requestId, "x-amz-request-id on " + body);
        assertTrue(body.contains("<RequestId>" + requestId + "</RequestId>"), body);
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains("io.volumegate."), "no stack trace: " + body);
    }

    @Test
    void everyResponseHasARequestId() throws Exception {
        bucket(BUCKET);
        String path = "/" + BUCKET + "/request-ids";
        HttpResponse<byte[]> put = raw().put(path).body("ids").send();
        String etag = put.headers().firstValue("ETag").orElseThrow();
        Map<String, HttpResponse<byte[]>> responses = new java.util.LinkedHashMap<>();
        responses.put("PUT 200", put);
        responses.put("GET 200", raw().get(path).send());
        responses.put("HEAD 200", raw().head(path).send());
        responses.put("GET 206", raw().get(path).header("Range", "bytes=0-0").send());
        responses.put("GET 304", raw().get(path).header("If-None-Match", etag).send());
        responses.put("GET 412", raw().get(path).header("If-Match", "\"x\"").send());
        responses.put("GET 416", raw().get(path).header("Range", "bytes=50-").send());
        responses.put("HEAD 404", raw().head(path + "-missing").send());
        responses.put("GET 404", raw().get(path + "-missing").send());
        responses.put("GET 501", raw().get(path + "?torrent").send());
        responses.put("LIST 200", raw().get("/" + BUCKET + "?list-type=2").send());
        responses.put("DELETE 204", raw().delete(path).send());
        responses.forEach((what, response) -> {
            assertEquals(Integer.parseInt(what.substring(what.indexOf(' ') + 1)), response.statusCode(), what);
            String id = response.headers().firstValue("x-amz-request-id").orElse("");
            assertFalse(id.isBlank(), "x-amz-request-id on " + what);
        });
        assertEquals(responses.size(), responses.values().stream()
                .map(r -> r.headers().firstValue("x-amz-request-id").orElseThrow()).distinct().count(), "request ids are unique");
    }
}
