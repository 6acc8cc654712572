package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PutObject, GetObject and HeadObject as a client sees them: bytes, ETags, the content
 * headers and user metadata stored with an object, the Content-Type of objects PUT without
 * one and of files other programs wrote, and byte ranges.
 */
class ObjectReadWriteIT extends ObjectTestBase {
    private static final String BUCKET = "objectreadwriteit";

    @Test
    void binaryObjectRoundTripsByteForByte() throws Exception {
        Path bucket = bucket(BUCKET);
        byte[] content = randomBytes(3 * 1024 * 1024 + 17, 1);

        PutObjectResponse put = server.s3().putObject(b -> b.bucket(BUCKET).key("blob/random.bin"), RequestBody.fromBytes(content));
        assertEquals(quotedMd5(content), put.eTag(), "ETag is the quoted MD5 hex of the body");

        ResponseBytes<GetObjectResponse> got = get(BUCKET, "blob/random.bin");
        assertArrayEquals(content, got.asByteArray());
        assertEquals(quotedMd5(content), got.response().eTag());
        assertEquals(content.length, got.response().contentLength());

        HeadObjectResponse head = server.s3().headObject(b -> b.bucket(BUCKET).key("blob/random.bin"));
        assertEquals(quotedMd5(content), head.eTag());
        assertEquals(content.length, head.contentLength());
        assertEquals(got.response().lastModified(), head.lastModified());

        assertArrayEquals(content, Files.readAllBytes(bucket.resolve("blob/random.bin")), "the object is that file on the volume");
        assertNoTempFiles(bucket);
    }

    @Test
    void emptyObject() throws Exception {
        Path bucket = bucket(BUCKET);
        String emptyMd5 = "\"d41d8cd98f00b204e9800998ecf8427e\"";

        assertEquals(emptyMd5, put(BUCKET, "empty", new byte[0]));

        ResponseBytes<GetObjectResponse> got = get(BUCKET, "empty");
        assertEquals(0, got.asByteArray().length);
        assertEquals(0L, got.response().contentLength());
        assertEquals(emptyMd5, got.response().eTag());
        HeadObjectResponse head = server.s3().headObject(b -> b.bucket(BUCKET).key("empty"));
        assertEquals(0L, head.contentLength());
        assertEquals(emptyMd5, head.eTag());

        HttpResponse<byte[]> raw = raw().get("/" + BUCKET + "/empty").send();
        assertEquals(200, raw.statusCode());
        assertEquals("0", raw.headers().firstValue("Content-Length").orElse(null));

        assertTrue(Files.isRegularFile(bucket.resolve("empty")));
        assertEquals(0, Files.size(bucket.resolve("empty")));
    }

    @Test
    void contentHeadersAndUserMetadataAreStoredAndReturnedOnGetAndHead() throws Exception {
        bucket(BUCKET);
        byte[] content = "not really gzip, but S3 does not care".getBytes(StandardCharsets.UTF_8);
        Instant expires = Instant.parse("2031-05-06T07:08:09Z");
        // IMF-fixdate, as the SDK sends it (RFC_1123_DATE_TIME would drop the day's leading zero).
        String expiresHttp = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT)
                .withZone(ZoneOffset.UTC).format(expires);

        server.s3().putObject(b -> b.bucket(BUCKET).key("docs/report.bin")
                .contentType("application/vnd.volumegate.test+json")
                .contentEncoding("gzip")
                .contentDisposition("attachment; filename=\"report.pdf\"")
                .cacheControl("max-age=3600, private")
                .expires(expires)
                .contentLanguage("de-CH")
                .metadata(Map.of("color", "blue", "owner-id", "42")), RequestBody.fromBytes(content));

        ResponseBytes<GetObjectResponse> got = get(BUCKET, "docs/report.bin");
        assertArrayEquals(content, got.asByteArray());
        GetObjectResponse g = got.response();
        assertEquals("application/vnd.volumegate.test+json", g.contentType());
        assertEquals("gzip", g.contentEncoding());
        assertEquals("attachment; filename=\"report.pdf\"", g.contentDisposition());
        assertEquals("max-age=3600, private", g.cacheControl());
        assertEquals(expires, g.expires());
        assertEquals("de-CH", g.contentLanguage());
        assertEquals(Map.of("color", "blue", "owner-id", "42"), g.metadata());

        HeadObjectResponse h = server.s3().headObject(b -> b.bucket(BUCKET).key("docs/report.bin"));
        assertEquals(g.contentType(), h.contentType());
        assertEquals(g.contentEncoding(), h.contentEncoding());
        assertEquals(g.contentDisposition(), h.contentDisposition());
        assertEquals(g.cacheControl(), h.cacheControl());
        assertEquals(g.expires(), h.expires());
        assertEquals(g.contentLanguage(), h.contentLanguage());
        assertEquals(g.metadata(), h.metadata());

        // The exact header text, which the SDK parses away.
        HttpResponse<byte[]> raw = raw().get("/" + BUCKET + "/docs/report.bin").send();
        assertEquals(200, raw.statusCode());
        assertEquals(expiresHttp, raw.headers().firstValue("Expires").orElse(null));
        assertEquals("blue", raw.headers().firstValue("x-amz-meta-color").orElse(null));
        assertEquals("42", raw.headers().firstValue("x-amz-meta-owner-id").orElse(null));
        assertSameHeaders(raw, raw().head("/" + BUCKET + "/docs/report.bin").send());
    }

    /** S3 stores binary/octet-stream for a PUT without Content-Type: whatever the key's extension or the bytes suggest. */
    @Test
    void anS3PutWithoutContentTypeIsBinaryOctetStream() throws Exception {
        bucket(BUCKET);
        // Raw PUTs without Content-Type (the SDK always sends one).
        HttpResponse<byte[]> put = raw().put("/" + BUCKET + "/untyped/data.json").body("{\"a\": 1}").send();
        assertEquals(200, put.statusCode(), RawS3.text(put));
        assertEquals(200, raw().put("/" + BUCKET + "/untyped/picture").body(png()).send().statusCode());

        for (String key : List.of("untyped/data.json", "untyped/picture")) {
            HttpResponse<byte[]> get = raw().get("/" + BUCKET + "/" + key).send();
            assertEquals("binary/octet-stream", get.headers().firstValue("Content-Type").orElse(null), key);
            assertSameHeaders(get, raw().head("/" + BUCKET + "/" + key).send());
            assertEquals("binary/octet-stream", server.s3().headObject(b -> b.bucket(BUCKET).key(key)).contentType(), key);
        }
    }

    /** Files other programs wrote have no stored type: the key's extension names it, else the first bytes do. */
    @Test
    void filesOtherProgramsWroteAreTypedByExtensionOrContent() throws Exception {
        Path bucket = bucket(BUCKET);
        Path folder = Files.createDirectories(bucket.resolve("foreign"));
        Files.writeString(folder.resolve("data.json"), "{\"a\": 1}");
        Files.write(folder.resolve("picture"), png());
        byte[] text = "Grüße aus Zürich – plain UTF-8 text\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("notes"), text);

        HttpResponse<byte[]> json = raw().get("/" + BUCKET + "/foreign/data.json").send();
        assertEquals("application/json", mediaType(json.headers()));
        assertSameHeaders(json, raw().head("/" + BUCKET + "/foreign/data.json").send());
        assertEquals("application/json", server.s3().headObject(b -> b.bucket(BUCKET).key("foreign/data.json")).contentType());

        HttpResponse<byte[]> picture = raw().get("/" + BUCKET + "/foreign/picture").send();
        assertArrayEquals(png(), picture.body());
        assertEquals("image/png", mediaType(picture.headers()));
        assertSameHeaders(picture, raw().head("/" + BUCKET + "/foreign/picture").send());

        HttpResponse<byte[]> notes = raw().get("/" + BUCKET + "/foreign/notes").send();
        assertArrayEquals(text, notes.body());
        assertEquals("text/plain", mediaType(notes.headers()));
        assertSameHeaders(notes, raw().head("/" + BUCKET + "/foreign/notes").send());
    }

    private static byte[] png() {
        byte[] png = new byte[64];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'}, 0, png, 0, 16);
        return png;
    }

    @Test
    void byteRanges() throws Exception {
        bucket(BUCKET);
        byte[] content = new byte[100];
        for (int i = 0; i < content.length; i++) content[i] = (byte) i;
        put(BUCKET, "ranges", content);

        assertRange("bytes=0-9", "bytes 0-9/100", Arrays.copyOfRange(content, 0, 10));
        assertRange("bytes=-5", "bytes 95-99/100", Arrays.copyOfRange(content, 95, 100));
        assertRange("bytes=10-", "bytes 10-99/100", Arrays.copyOfRange(content, 10, 100));
        assertRange("bytes=90-1000", "bytes 90-99/100", Arrays.copyOfRange(content, 90, 100));

        assertS3Error(416, "InvalidRange", () -> server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("ranges").range("bytes=100-")));
        assertS3Error(416, "InvalidRange", () -> server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("ranges").range("bytes=500-600")));

        ResponseBytes<GetObjectResponse> whole = get(BUCKET, "ranges");
        assertEquals(200, whole.response().sdkHttpResponse().statusCode());
        assertEquals("bytes", whole.response().acceptRanges());
        assertEquals("bytes", server.s3().headObject(b -> b.bucket(BUCKET).key("ranges")).acceptRanges());
    }

    /** Every object is the "null" version: GET and HEAD of any other version id are 400 InvalidArgument, as on S3. */
    @Test
    void aVersionIdOtherThanNullIsInvalidArgument() throws Exception {
        bucket(BUCKET);
        byte[] content = "the current and only version".getBytes(StandardCharsets.UTF_8);
        put(BUCKET, "versions/current.txt", content);
        String path = "/" + BUCKET + "/versions/current.txt";

        HttpResponse<byte[]> get = raw().get(path + "?versionId=3HL4kqtJlcpXroDTDmJ").send();
        assertRawError(400, "InvalidArgument", get);
        assertEquals("Invalid version id specified", S3Assertions.element(RawS3.text(get), "Message"));
        assertEquals("versionId", S3Assertions.element(RawS3.text(get), "ArgumentName"));
        assertEquals("3HL4kqtJlcpXroDTDmJ", S3Assertions.element(RawS3.text(get), "ArgumentValue"));
        HttpResponse<byte[]> head = raw().head(path + "?versionId=3HL4kqtJlcpXroDTDmJ").send();
        assertEquals(400, head.statusCode());
        assertEquals(0, head.body().length);
        assertRawError(400, "InvalidArgument", raw().get(path + "?partNumber=1&versionId=other").send());
        assertEquals(400, raw().head(path + "?partNumber=1&versionId=other").send().statusCode());
        assertS3Error(400, "InvalidArgument", () -> server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("versions/current.txt").versionId("v2")));
        assertRawError(400, "InvalidArgument", raw().get("/" + BUCKET + "/versions/missing.txt?versionId=v2").send());

        assertArrayEquals(content, server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("versions/current.txt").versionId("null")).asByteArray());
        assertEquals(content.length, server.s3().headObject(b -> b.bucket(BUCKET).key("versions/current.txt").versionId("null")).contentLength());
        assertArrayEquals(content, raw().get(path + "?partNumber=1&versionId=null").send().body());
    }

    /**
     * A 416 tells the object's size in Content-Range ("bytes *" then "/" and the size), as S3
     * does, so a client can ask again within it; the error document names the range and the size.
     */
    @Test
    void anUnsatisfiableRangeTellsTheObjectsSize() throws Exception {
        bucket(BUCKET);
        put(BUCKET, "unsatisfiable/hundred", new byte[100]);
        String path = "/" + BUCKET + "/unsatisfiable/hundred";

        HttpResponse<byte[]> get = raw().get(path).header("Range", "bytes=100-").send();
        assertRawError(416, "InvalidRange", get);
        assertEquals("bytes */100", get.headers().firstValue("Content-Range").orElse(null));
        assertEquals("bytes=100-", S3Assertions.element(RawS3.text(get), "RangeRequested"));
        assertEquals("100", S3Assertions.element(RawS3.text(get), "ActualObjectSize"));
        assertEquals("application/xml", get.headers().firstValue("Content-Type").orElse(null));

        HttpResponse<byte[]> head = raw().head(path).header("Range", "bytes=500-600").send();
        assertEquals(416, head.statusCode());
        assertEquals("bytes */100", head.headers().firstValue("Content-Range").orElse(null));
        assertEquals(0, head.body().length);
    }

    @Test
    void overwriteReplacesContentAndMetadataTogether() {
        bucket(BUCKET);
        server.s3().putObject(b -> b.bucket(BUCKET).key("replaced").contentType("text/x-first").contentLanguage("en")
                .metadata(Map.of("first", "1")), RequestBody.fromString("first version"));
        server.s3().putObject(b -> b.bucket(BUCKET).key("replaced").contentType("application/x-second")
                .metadata(Map.of("second", "2")), RequestBody.fromString("second, longer version"));

        ResponseBytes<GetObjectResponse> got = get(BUCKET, "replaced");
        assertEquals("second, longer version", got.asUtf8String());
        assertEquals("application/x-second", got.response().contentType());
        assertEquals(Map.of("second", "2"), got.response().metadata(), "no metadata of the first version survives");
        assertEquals(null, got.response().contentLanguage());
        assertEquals(quotedMd5("second, longer version".getBytes(StandardCharsets.UTF_8)), got.response().eTag());
    }

    /**
     * Readers racing writers see one whole version, with that version's ETag and length:
     * never the new bytes under the old headers. (Before Bucket.open() checked the file
     * across stat and open, about one read in a hundred here got the other version's bytes
     * or a 500 "file shrank".) Probabilistic by nature: a few hundred reads over 3 s.
     */
    @Test
    void readersSeeWholeVersionsWhileTheKeyIsOverwritten() throws Exception {
        bucket(BUCKET);
        byte[] a = randomBytes(4096, 11);
        byte[] b = randomBytes(5000, 12);
        Map<String, byte[]> versions = Map.of(quotedMd5(a), a, quotedMd5(b), b);
        put(BUCKET, "flapping", a);

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        List<String> wrong = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<?>> tasks = new java.util.ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int first = w;
                tasks.add(pool.submit(() -> {
                    for (int i = first; System.nanoTime() < deadline; i++) {
                        put(BUCKET, "flapping", i % 2 == 0 ? b : a);
                        writes.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 6; r++) {
                tasks.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        HttpResponse<byte[]> got = raw().get("/" + BUCKET + "/flapping").send();
                        reads.incrementAndGet();
                        String etag = got.headers().firstValue("ETag").orElse("");
                        byte[] expected = versions.get(etag);
                        if (got.statusCode() != 200 || expected == null || !Arrays.equals(expected, got.body())) {
                            wrong.add(got.statusCode() + " ETag " + etag + ", " + got.body().length + " bytes");
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> task : tasks) task.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertTrue(writes.get() >= 10 && reads.get() >= 50, "enough overlap: " + writes + " writes, " + reads + " reads");
        assertEquals(List.of(), wrong, "every read is one whole version (" + reads + " reads, " + writes + " writes)");
    }

    private void assertRange(String range, String contentRange, byte[] expected) {
        ResponseBytes<GetObjectResponse> got = server.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("ranges").range(range));
        assertEquals(206, got.response().sdkHttpResponse().statusCode(), range);
        assertEquals(contentRange, got.response().contentRange(), range);
        assertEquals(expected.length, got.response().contentLength(), range);
        assertEquals("bytes", got.response().acceptRanges(), range);
        assertArrayEquals(expected, got.asByteArray(), range);
    }

    private static String mediaType(HttpHeaders headers) {
        return headers.firstValue("Content-Type").orElse("").split(";")[0].trim();
    }

    /** HEAD tells exactly what GET would send, headers and Content-Length included. */
    private static void assertSameHeaders(HttpResponse<byte[]> get, HttpResponse<byte[]> head) {
        assertEquals(get.statusCode(), head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(comparable(get.headers()), comparable(head.headers()), "HEAD headers equal GET headers");
    }

    /**
     * The headers that describe the object. Left out: per-response ones (Date, the request id)
     * and the hop-by-hop Connection / Keep-Alive, which the container adds to whichever response
     * it ends a keep-alive connection with, GET or HEAD (seen once in CI: a HEAD with
     * "Connection: close").
     */
    private static Map<String, List<String>> comparable(HttpHeaders headers) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.map().forEach((name, values) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (!List.of("date", "x-amz-request-id", "connection", "keep-alive").contains(lower)) map.put(lower, values);
        });
        return map;
    }
}
