package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys as the raw request URI carries them (S3 decodes the path itself; the container must
 * not), keys the volume cannot hold (traversal, empty segments), the reserved folder,
 * symlinks that lead out of the bucket, and file/folder conflicts.
 */
class ObjectKeysIT extends ObjectTestBase {
    private static final String BUCKET = "objectkeysit";
    /** A bucket holding only the edge-case keys, so its listing is exactly them. */
    private static final String NAMES = "objectkeysit-names";

    private static final List<String> EDGE_KEYS = List.of(
            "100%", "a+b", "x;y", "with space", "é.txt", "hash#", "question?", "a/b/c.txt",
            "%2F-literal", "tilde~and'quote\"", "日本語/ファイル.txt");

    @Test
    void edgeCaseKeysRoundTripAndAreFilesOfTheSameName() throws Exception {
        Path bucket = bucket(NAMES);
        for (String key : EDGE_KEYS) {
            byte[] content = ("content of " + key).getBytes(StandardCharsets.UTF_8);
            assertEquals(quotedMd5(content), put(NAMES, key, content), key);
            assertArrayEquals(content, get(NAMES, key).asByteArray(), key);
            assertEquals(content.length, server.s3().headObject(b -> b.bucket(NAMES).key(key)).contentLength(), key);
            assertArrayEquals(content, Files.readAllBytes(bucket.resolve(key)), "file " + key + " on the volume");
        }

        assertEquals(new TreeSet<>(EDGE_KEYS), filesUnder(bucket), "file names on the volume are the keys");
        List<String> listed = server.s3().listObjectsV2Paginator(b -> b.bucket(NAMES)).contents().stream().map(S3Object::key).toList();
        assertEquals(EDGE_KEYS.stream().sorted(ObjectKeysIT::utf8Order).toList(), listed, "listed back, in UTF-8 byte order");
        List<String> listedV1 = server.s3().listObjects(b -> b.bucket(NAMES)).contents().stream().map(S3Object::key).toList();
        assertEquals(listed, listedV1);
    }

    @Test
    void rawPathIsDecodedByS3RulesNotTheContainers() throws Exception {
        Path bucket = bucket(BUCKET);
        byte[] content = "at a/b".getBytes(StandardCharsets.UTF_8);
        put(BUCKET, "enc/a/b", content);

        // %2F is a slash in an S3 key: GET /bucket/enc/a%2Fb is the object enc/a/b.
        HttpResponse<byte[]> got = raw().get("/" + BUCKET + "/enc/a%2Fb").send();
        assertEquals(200, got.statusCode(), RawS3.text(got));
        assertArrayEquals(content, got.body());
        assertEquals(200, raw().put("/" + BUCKET + "/enc%2Fp%2Fq").body("pq").send().statusCode());
        assertEquals("pq", Files.readString(bucket.resolve("enc/p/q")));

        // A raw '+' in a path is a plus, not a space (that is form encoding, for queries only).
        assertEquals(200, raw().put("/" + BUCKET + "/enc/plus+raw").body("plus").send().statusCode());
        assertEquals("plus", Files.readString(bucket.resolve("enc/plus+raw")));
        assertFalse(Files.exists(bucket.resolve("enc/plus raw")));
        assertEquals("plus", get(BUCKET, "enc/plus+raw").asUtf8String());

        // %25 is a literal percent sign, decoded once: %2541 is "%41", not "A".
        assertEquals(200, raw().put("/" + BUCKET + "/enc/pct%2541").body("percent").send().statusCode());
        assertEquals("percent", Files.readString(bucket.resolve("enc/pct%41")));

        // A raw ';' is part of the key, not a path parameter.
        assertEquals(200, raw().put("/" + BUCKET + "/enc/semi;colon").body("semi").send().statusCode());
        assertEquals("semi", Files.readString(bucket.resolve("enc/semi;colon")));
        assertEquals("semi", get(BUCKET, "enc/semi;colon").asUtf8String());

    }

    @Test
    void traversalAndEmptySegmentsAreRefusedAndWriteNothing() throws Exception {
        Path bucket = bucket(BUCKET);
        Path volume = server.volume();
        List<String> rawKeys = List.of("../x", "a/../../x", "%2e%2e/x", "%2E%2E%2Fx", "a/%2e%2e/%2e%2e/x", "a//b", "./x",
                "a/./x", "a%2F%2Fb");
        for (String rawKey : rawKeys) {
            HttpResponse<byte[]> put = raw().put("/" + BUCKET + "/" + rawKey).body("escape").send();
            assertRawError(400, "InvalidArgument", put);
            assertRawError(400, "InvalidArgument", raw().get("/" + BUCKET + "/" + rawKey).send());
        }
        // Nothing outside the bucket, nothing inside it.
        assertFalse(Files.exists(volume.resolve("x")), "volume/x");
        assertFalse(Files.exists(volume.getParent().resolve("x")), "above the volume");
        assertFalse(Files.exists(bucket.resolve("x")));
        assertFalse(Files.exists(bucket.resolve("a")));
        assertNoTempFiles(bucket);

        // The SDK sends such keys as they are, too.
        for (String key : List.of("../sdk-x", "sdk/../../sdk-x", "sdk//b", "./sdk-x")) {
            assertS3Error(400, "InvalidArgument", () -> put(BUCKET, key, "escape".getBytes(StandardCharsets.UTF_8)));
        }
        assertFalse(Files.exists(volume.resolve("sdk-x")));
        assertFalse(Files.exists(bucket.resolve("sdk-x")));
        assertFalse(Files.exists(bucket.resolve("sdk")));
    }

    /**
     * URIs that Payara Micro's HTTP layer (Grizzly) cannot decode never reach VolumeGate: a
     * malformed escape ({@code %zz}, a trailing {@code %}) and, depending on its buffer, a
     * path ending in {@code /..} (or {@code /%2e%2e}) throw inside Grizzly's URI decoder, and
     * Payara logs the exception and answers an empty 200 itself (payara/Payara#8000, open);
     * escapes that are not UTF-8 ({@code %FF}) get Payara's own empty 400. Nothing in the WAR
     * can change those answers. What we can and do hold: VolumeGate either answers a clear
     * 400 itself or never sees the request, so no such request stores anything or gets an ETag.
     */
    @Test
    void urisTheContainerCannotDecodeStoreNothing() throws Exception {
        Path bucket = bucket(BUCKET);
        List<String> rawKeys = List.of("bad%zz", "%zz", "%", "undecodable/..", "undecodable/%2e%2e", "undecodable/.", "..",
                "not-utf8-%FF", "not-utf8-%C3", "not-utf8-%C3%28");
        for (String rawKey : rawKeys) {
            for (RawS3.Request request : List.of(raw().put("/" + BUCKET + "/" + rawKey).body("x"), raw().get("/" + BUCKET + "/" + rawKey))) {
                RawS3.SocketResponse response = request.sendOverSocket(request.method().equals("PUT") ? 1 : -1, 10_000);
                String what = request.method() + " " + rawKey + ": " + response.head();
                assertEquals(null, response.header("ETag"), what);
                if (response.header("x-amz-request-id") != null) {
                    // VolumeGate saw it: a clear S3 error.
                    assertEquals(400, response.status(), what);
                    assertTrue(List.of("InvalidURI", "InvalidArgument").contains(response.errorCode()), what + response.body());
                } else {
                    // Payara answered on its own (see above): no S3 answer, and nothing done.
                    assertEquals("Payara Micro", response.header("Server"), what);
                    assertEquals("", response.body(), what);
                }
            }
        }
        assertEquals(Set.of(), filesUnder(bucket).stream().filter(name -> name.contains("zz") || name.contains("undecodable") || name.contains("not-utf8"))
                .collect(Collectors.toSet()));
        assertFalse(Files.exists(bucket.resolve("undecodable")));
        assertFalse(Files.exists(server.volume().resolve("x")));
        assertNoTempFiles(bucket);
    }

    /**
     * XML 1.0 cannot carry control characters other than tab, line feed and carriage return
     * (not even as character references), and S3's answers naming a key are XML: such keys are
     * 400 InvalidArgument before anything is stored, read or deleted, on every operation. A file
     * another program gave such a name stays on the volume, untouched.
     */
    @Test
    void keysWithControlCharactersXmlCannotCarryAreRefused() throws Exception {
        Path bucket = bucket(BUCKET);
        Path foreign = Files.createDirectories(bucket.resolve("ctl")).resolve("vt\u000bfile");
        Files.writeString(foreign, "written by another program");
        for (String rawKey : List.of("ctl/vt%0Bfile", "ctl/ff%0C", "ctl/%01start", "ctl/unit%1Fseparator")) {
            String path = "/" + BUCKET + "/" + rawKey;
            HttpResponse<byte[]> put = raw().put(path).body("x").send();
            assertRawError(400, "InvalidArgument", put);
            assertTrue(S3Assertions.element(RawS3.text(put), "Message").contains("control character U+00"), RawS3.text(put));
            assertWellFormedXml(put);
            assertRawError(400, "InvalidArgument", raw().get(path).send());
            assertEquals(400, raw().head(path).send().statusCode(), rawKey);
            assertRawError(400, "InvalidArgument", raw().delete(path).send());
            HttpResponse<byte[]> create = raw().post(path + "?uploads").send();
            assertRawError(400, "InvalidArgument", create);
            assertWellFormedXml(create);
            assertRawError(400, "InvalidArgument", raw().put("/" + BUCKET + "/ctl/copy").header("x-amz-copy-source", path).send());
        }
        assertEquals("written by another program", Files.readString(foreign), "not deleted");
        assertEquals(Set.of("ctl/vt\u000bfile"), filesUnder(bucket).stream().filter(name -> name.startsWith("ctl/")).collect(Collectors.toSet()));
        assertTrue(server.s3().listMultipartUploads(b -> b.bucket(BUCKET).prefix("ctl/")).uploads().isEmpty(), "no upload was created");
        assertNoTempFiles(bucket);

        // Tab, line feed and carriage return are XML characters: keys may hold them.
        assertEquals(200, raw().put("/" + BUCKET + "/ctl/tab%09line%0Aend%0D").body("ok").send().statusCode());
        assertEquals("ok", Files.readString(bucket.resolve("ctl/tab\tline\nend\r")));
    }

    /** An error document echoing a character XML 1.0 cannot carry stays well-formed: the character is replaced. */
    @Test
    void errorDocumentsStayWellFormed() throws Exception {
        bucket(BUCKET);
        put(BUCKET, "versioned", "x".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> refused = raw().get("/" + BUCKET + "/versioned?versionId=a%0Bb").send();
        assertRawError(400, "InvalidArgument", refused);
        assertWellFormedXml(refused);
        assertEquals("a\ufffdb", S3Assertions.element(RawS3.text(refused), "ArgumentValue"));
    }

    private static void assertWellFormedXml(HttpResponse<byte[]> response) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(response.body()));
    }

    /**
     * A key below a file ({@code a/f.txt/x} where {@code a/f.txt} is a file) names nothing: S3
     * answers reads and copies of it with 404 NoSuchKey and a delete with 204, and a PUT there
     * is the 409 of a parent that is a file. The filesystem says ENOTDIR, which once became a 500.
     */
    @Test
    void aKeyBelowAFileIsNoSuchKeyOnBothApis() throws Exception {
        Path bucket = bucket(BUCKET);
        put(BUCKET, "below/f.txt", "file".getBytes(StandardCharsets.UTF_8));
        String below = "below/f.txt/x";
        assertS3Error(404, "NoSuchKey", () -> get(BUCKET, below));
        assertS3Error(404, null, () -> server.s3().headObject(b -> b.bucket(BUCKET).key(below)));
        assertEquals(204, server.s3().deleteObject(b -> b.bucket(BUCKET).key(below)).sdkHttpResponse().statusCode());
        assertS3Error(404, "NoSuchKey", () -> server.s3().copyObject(b -> b.sourceBucket(BUCKET).sourceKey(below)
                .destinationBucket(BUCKET).destinationKey("below/copy.txt")));
        assertS3Error(409, "ObjectParentIsFile", () -> put(BUCKET, below, "x".getBytes(StandardCharsets.UTF_8)));
        assertS3Error(409, "ObjectParentIsFile", () -> put(BUCKET, "below/f.txt/x/y", "x".getBytes(StandardCharsets.UTF_8)));

        ApiClient api = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        String path = "/buckets/" + BUCKET + "/objects/" + below;
        ApiClient.assertApiError(api.get(path), 404, "NoSuchKey");
        assertEquals(404, api.head(path).statusCode());
        assertEquals(200, api.delete(path).statusCode());
        assertEquals("file", Files.readString(bucket.resolve("below/f.txt")), "the file above is untouched");
        assertFalse(Files.exists(bucket.resolve("below/copy.txt")));
        assertNoTempFiles(bucket);
    }

    @Test
    void symlinksLeadingOutOfTheBucketDoNotExist() throws Exception {
        Path bucket = bucket(BUCKET);
        Path outside = Files.createTempDirectory(server.volume().getParent(), "outside-volume-");
        Path secret = Files.writeString(outside.resolve("secret.txt"), "outside secret");
        assertFalse(secret.toRealPath().startsWith(server.volume().toRealPath()));

        Files.createDirectories(bucket.resolve("links"));
        Files.createSymbolicLink(bucket.resolve("links/secret.txt"), secret);
        Files.createSymbolicLink(bucket.resolve("links/outdir"), outside);
        put(BUCKET, "links/real.txt", "real".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(bucket.resolve("links/inside.txt"), bucket.resolve("links/real.txt"));

        assertS3Error(404, "NoSuchKey", () -> get(BUCKET, "links/secret.txt"));
        assertS3Error(404, null, () -> server.s3().headObject(b -> b.bucket(BUCKET).key("links/secret.txt")));
        assertS3Error(404, "NoSuchKey", () -> get(BUCKET, "links/outdir/secret.txt"));
        assertEquals("real", get(BUCKET, "links/inside.txt").asUtf8String(), "a link inside the bucket is followed");

        List<String> listed = server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("links/")).contents().stream().map(S3Object::key).toList();
        assertEquals(List.of("links/inside.txt", "links/real.txt"), listed);

        // Writing through the directory link must not land outside.
        assertS3Error(403, "AccessDenied", () -> put(BUCKET, "links/outdir/planted.txt", "planted".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Files.exists(outside.resolve("planted.txt")), "nothing written outside the volume");
        assertEquals("outside secret", Files.readString(secret));
        assertNoTempFiles(bucket);
    }

    @Test
    void reservedFolderIsForbidden() throws Exception {
        Path bucket = bucket(BUCKET);
        put(BUCKET, "reserved-probe", "x".getBytes(StandardCharsets.UTF_8)); // the server has made .volumegate/ now
        assertTrue(Files.isDirectory(bucket.resolve(".volumegate")));

        assertS3Error(403, "AccessDenied", () -> put(BUCKET, ".volumegate/tmp/planted", "planted".getBytes(StandardCharsets.UTF_8)));
        assertS3Error(403, "AccessDenied", () -> put(BUCKET, ".volumegate/bucket.json", "{}".getBytes(StandardCharsets.UTF_8)));
        assertS3Error(403, "AccessDenied", () -> get(BUCKET, ".volumegate/bucket.json"));
        assertRawError(403, "AccessDenied", raw().get("/" + BUCKET + "/.volumegate/tmp").send());
        assertRawError(403, "AccessDenied", raw().put("/" + BUCKET + "/%2Evolumegate/x").body("x").send());
        assertFalse(Files.exists(bucket.resolve(".volumegate/tmp/planted")));
        assertFalse(Files.exists(bucket.resolve(".volumegate/x")));
        assertFalse(Files.exists(bucket.resolve(".volumegate/bucket.json")));

        assertTrue(server.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream()
                .noneMatch(o -> o.key().startsWith(".volumegate")), "never listed");
        assertTrue(server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(".volumegate")).contents().isEmpty());
    }

    @Test
    void fileAndFolderConflicts() throws Exception {
        Path bucket = bucket(BUCKET);
        byte[] file = "i am a file".getBytes(StandardCharsets.UTF_8);
        put(BUCKET, "conflict/f", file);
        assertS3Error(409, "ObjectParentIsFile", () -> put(BUCKET, "conflict/f/child", "child".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isRegularFile(bucket.resolve("conflict/f")));
        assertArrayEquals(file, get(BUCKET, "conflict/f").asByteArray());

        put(BUCKET, "conflict/d/child", "child".getBytes(StandardCharsets.UTF_8));
        assertS3Error(409, "ExistingObjectIsDirectory", () -> put(BUCKET, "conflict/d", file));
        assertTrue(Files.isDirectory(bucket.resolve("conflict/d")));
        assertEquals("child", get(BUCKET, "conflict/d/child").asUtf8String());
        assertNoTempFiles(bucket);
    }

    private static Set<String> filesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(p -> !p.startsWith(".volumegate"))
                    .map(p -> p.toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static int utf8Order(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
