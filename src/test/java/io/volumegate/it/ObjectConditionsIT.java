package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conditional GET/HEAD (304 / 412), response-* overrides, and conditional PUT, concurrent ones included. */
class ObjectConditionsIT extends ObjectTestBase {
    private static final String BUCKET = "objectconditionsit";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @Test
    void conditionalGet() throws Exception {
        bucket(BUCKET);
        byte[] content = "conditional".getBytes(StandardCharsets.UTF_8);
        String etag = put(BUCKET, "cond.txt", content);
        String path = "/" + BUCKET + "/cond.txt";
        String past = HTTP_DATE.format(Instant.now().minus(1, ChronoUnit.DAYS));
        String future = HTTP_DATE.format(Instant.now().plus(1, ChronoUnit.DAYS));

        // If-Match
        assertS3Error(412, "PreconditionFailed", () -> server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("cond.txt").ifMatch("\"0123456789abcdef0123456789abcdef\"")));
        assertArrayEquals(content, server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("cond.txt").ifMatch(etag)).asByteArray());
        assertRawError(412, "PreconditionFailed", raw().get(path).header("If-Match", "\"nope\"").send());

        // If-None-Match
        HttpResponse<byte[]> notModified = raw().get(path).header("If-None-Match", etag).send();
        assertEquals(304, notModified.statusCode());
        assertEquals(etag, notModified.headers().firstValue("ETag").orElse(null), "a 304 carries the ETag");
        assertEquals(0, notModified.body().length);
        assertEquals(304, raw().head(path).header("If-None-Match", etag).send().statusCode());
        assertS3Error(304, null, () -> server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("cond.txt").ifNoneMatch(etag)));
        assertEquals(200, raw().get(path).header("If-None-Match", "\"other\"").send().statusCode());

        // If-Modified-Since
        HttpResponse<byte[]> notModifiedSince = raw().get(path).header("If-Modified-Since", future).send();
        assertEquals(304, notModifiedSince.statusCode());
        assertEquals(etag, notModifiedSince.headers().firstValue("ETag").orElse(null));
        HttpResponse<byte[]> modifiedSince = raw().get(path).header("If-Modified-Since", past).send();
        assertEquals(200, modifiedSince.statusCode());
        assertArrayEquals(content, modifiedSince.body());

        // If-Unmodified-Since
        assertRawError(412, "PreconditionFailed", raw().get(path).header("If-Unmodified-Since", past).send());
        assertEquals(412, raw().head(path).header("If-Unmodified-Since", past).send().statusCode());
        assertS3Error(412, "PreconditionFailed", () -> server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("cond.txt").ifUnmodifiedSince(Instant.now().minus(1, ChronoUnit.DAYS))));
        assertEquals(200, raw().get(path).header("If-Unmodified-Since", future).send().statusCode());

        // S3 precedence: a matching If-Match wins over a failing If-Unmodified-Since.
        assertEquals(200, raw().get(path).header("If-Match", etag).header("If-Unmodified-Since", past).send().statusCode());
    }

    @Test
    void responseHeaderOverrides() {
        bucket(BUCKET);
        server.s3().putObject(b -> b.bucket(BUCKET).key("override.bin").contentType("application/octet-stream"),
                RequestBody.fromString("override me"));

        ResponseBytes<GetObjectResponse> got = server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("override.bin")
                .responseContentType("text/csv")
                .responseContentDisposition("attachment; filename=\"data.csv\"")
                .responseCacheControl("no-store")
                .responseContentLanguage("fr"));
        assertEquals("override me", got.asUtf8String());
        assertEquals("text/csv", got.response().contentType());
        assertEquals("attachment; filename=\"data.csv\"", got.response().contentDisposition());
        assertEquals("no-store", got.response().cacheControl());
        assertEquals("fr", got.response().contentLanguage());

        // Overrides change the response only, never what is stored.
        assertEquals("application/octet-stream", server.s3().headObject(b -> b.bucket(BUCKET).key("override.bin")).contentType());
    }

    @Test
    void putIfNoneMatchStarRefusesToReplace() throws Exception {
        Path bucket = bucket(BUCKET);
        byte[] original = "first writer".getBytes(StandardCharsets.UTF_8);
        String etag = server.s3().putObject(b -> b.bucket(BUCKET).key("create-only").ifNoneMatch("*"), RequestBody.fromBytes(original)).eTag();
        assertEquals(quotedMd5(original), etag, "If-None-Match: * on a new key creates it");

        assertS3Error(412, "PreconditionFailed", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("create-only").ifNoneMatch("*"),
                RequestBody.fromString("second writer")));

        ResponseBytes<GetObjectResponse> got = get(BUCKET, "create-only");
        assertArrayEquals(original, got.asByteArray());
        assertEquals(etag, got.response().eTag());
        assertArrayEquals(original, Files.readAllBytes(bucket.resolve("create-only")));
        assertNoTempFiles(bucket);
    }

    @Test
    void putIfMatchReplacesOnlyThatVersion() throws Exception {
        Path bucket = bucket(BUCKET);
        byte[] v1 = "version one".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "version two".getBytes(StandardCharsets.UTF_8);
        String etag1 = put(BUCKET, "versioned", v1);

        String etag2 = server.s3().putObject(b -> b.bucket(BUCKET).key("versioned").ifMatch(etag1), RequestBody.fromBytes(v2)).eTag();
        assertEquals(quotedMd5(v2), etag2);
        assertArrayEquals(v2, get(BUCKET, "versioned").asByteArray());

        // etag1 is stale now.
        assertS3Error(412, "PreconditionFailed", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("versioned").ifMatch(etag1),
                RequestBody.fromString("lost update")));
        assertArrayEquals(v2, get(BUCKET, "versioned").asByteArray());
        assertArrayEquals(v2, Files.readAllBytes(bucket.resolve("versioned")));

        // If-Match on a key that does not exist: 404 NoSuchKey, as on S3.
        assertS3Error(404, "NoSuchKey", () -> server.s3().putObject(b -> b.bucket(BUCKET).key("never-written").ifMatch(etag1),
                RequestBody.fromString("x")));
        assertTrue(Files.notExists(bucket.resolve("never-written")));
        assertNoTempFiles(bucket);
    }

    @Test
    void concurrentCreateOnlyPutsHaveExactlyOneWinner() throws Exception {
        Path bucket = bucket(BUCKET);
        int writers = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                byte[] body = randomBytes(64 * 1024 + i, 100 + i);
                bodies.add(body);
                results.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    try {
                        return server.s3().putObject(b -> b.bucket(BUCKET).key("race/winner.bin").ifNoneMatch("*"),
                                RequestBody.fromBytes(body)).sdkHttpResponse().statusCode();
                    } catch (S3Exception e) {
                        return e.statusCode();
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) statuses.add(result.get(30, TimeUnit.SECONDS));

            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < writers; i++) if (statuses.get(i) == 200) winners.add(i);
            assertEquals(1, winners.size(), "exactly one 200 among " + statuses);
            assertEquals(writers - 1, statuses.stream().filter(s -> s == 412).count(), "all others 412: " + statuses);

            byte[] winner = bodies.get(winners.get(0));
            assertArrayEquals(winner, Files.readAllBytes(bucket.resolve("race/winner.bin")), "the file holds the winner's bytes");
            ResponseBytes<GetObjectResponse> got = get(BUCKET, "race/winner.bin");
            assertArrayEquals(winner, got.asByteArray());
            assertEquals(quotedMd5(winner), got.response().eTag());
            assertNoTempFiles(bucket);
        } finally {
            pool.shutdownNow();
        }
    }
}
