package io.volumegate.it;

import io.volumegate.auth.SigV4Signer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CopyObject through the AWS SDK v2 (and raw requests where the SDK would not send the header we need). */
class CopyObjectIT extends ServerTestBase {
    private static final String BUCKET = "copyobjectit";
    private static final String OTHER = "copyobjectit-other";
    private static final byte[] DATA = randomBytes(700 * 1024 + 3);

    private S3Client s3;

    @BeforeEach
    void buckets() {
        s3 = server.s3();
        for (String bucket : new String[] {BUCKET, OTHER}) {
            if (!Files.isDirectory(server.volume().resolve(bucket))) s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private PutObjectResponse put(String key) {
        return s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(DATA));
    }

    private CopyObjectResponse copy(String sourceKey, String bucket, String key, Consumer<CopyObjectRequest.Builder> more) {
        return s3.copyObject(b -> {
            b.sourceBucket(BUCKET).sourceKey(sourceKey).destinationBucket(bucket).destinationKey(key);
            more.accept(b);
        });
    }

    private Path file(String bucket, String key) {
        return server.volume().resolve(bucket).resolve(key);
    }

    private static S3Exception refused(int status, String code, Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        assertEquals(status, e.statusCode(), e.getMessage());
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        return e;
    }

    @Test
    void withinABucketTheBytesAndTheEtagAreTheSources() throws Exception {
        PutObjectResponse source = put("within/source.bin");
        CopyObjectResponse copied = copy("within/source.bin", BUCKET, "within/copy.bin", b -> {});
        assertArrayEquals(DATA, Files.readAllBytes(file(BUCKET, "within/copy.bin")));
        assertEquals(source.eTag(), copied.copyObjectResult().eTag());
        assertEquals(md5Etag(DATA), copied.copyObjectResult().eTag());
        assertNotNull(copied.copyObjectResult().lastModified());
        assertEquals(source.eTag(), s3.headObject(b -> b.bucket(BUCKET).key("within/copy.bin")).eTag());
        assertArrayEquals(DATA, Files.readAllBytes(file(BUCKET, "within/source.bin")), "the source is untouched");
    }

    @Test
    void acrossBuckets() throws Exception {
        PutObjectResponse source = put("across/source.bin");
        CopyObjectResponse copied = copy("across/source.bin", OTHER, "deep/er/copy.bin", b -> {});
        assertArrayEquals(DATA, Files.readAllBytes(file(OTHER, "deep/er/copy.bin")));
        assertEquals(source.eTag(), copied.copyObjectResult().eTag());
    }

    @Test
    void keysThatNeedEncoding() throws Exception {
        String key = "enc/a b+c%d é€?#&=.bin";
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(DATA));
        copy(key, OTHER, "enc/copy of " + key, b -> {});
        assertArrayEquals(DATA, Files.readAllBytes(file(OTHER, "enc/copy of " + key)));
    }

    @Test
    void theCopyHasTheSourcesChecksums() {
        s3.putObject(b -> b.bucket(BUCKET).key("sums/source.bin").checksumAlgorithm(ChecksumAlgorithm.CRC32_C),
                RequestBody.fromBytes(DATA));
        String crc32c = s3.headObject(b -> b.bucket(BUCKET).key("sums/source.bin").checksumMode(ChecksumMode.ENABLED))
                .checksumCRC32C();
        assertNotNull(crc32c);
        CopyObjectResponse copied = copy("sums/source.bin", BUCKET, "sums/copy.bin", b -> {});
        assertEquals(crc32c, copied.copyObjectResult().checksumCRC32C());
        assertEquals(crc32c, s3.headObject(b -> b.bucket(BUCKET).key("sums/copy.bin").checksumMode(ChecksumMode.ENABLED))
                .checksumCRC32C());
        // ... or the one the request asks for.
        CopyObjectResponse sha = copy("sums/source.bin", BUCKET, "sums/sha.bin", b -> b.checksumAlgorithm(ChecksumAlgorithm.SHA256));
        assertEquals(sha256Base64(DATA), sha.copyObjectResult().checksumSHA256());
        assertNull(sha.copyObjectResult().checksumCRC32C());
    }

    @Test
    void aFileAnotherProgramWroteIsHashedSoTheCopyHasARealEtagAndKeepsItsType() throws Exception {
        Path foreign = file(BUCKET, "foreign/report.pdf");
        Files.createDirectories(foreign.getParent());
        Files.write(foreign, DATA);
        String sourceEtag = s3.headObject(b -> b.bucket(BUCKET).key("foreign/report.pdf")).eTag();
        assertTrue(sourceEtag.contains("-"), "a file we did not write has a synthetic ETag: " + sourceEtag);

        CopyObjectResponse copied = copy("foreign/report.pdf", BUCKET, "foreign/copy-without-extension", b -> {});
        assertEquals(md5Etag(DATA), copied.copyObjectResult().eTag());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("foreign/copy-without-extension"));
        assertEquals("application/pdf", head.contentType());
        assertNotNull(copied.copyObjectResult().checksumCRC64NVME(), "CRC64NVME, as for any upload without a checksum");
    }

    @Test
    void copyDirectiveKeepsTheSourcesMetadataAndIgnoresTheRequests() {
        s3.putObject(b -> b.bucket(BUCKET).key("meta/source.csv").contentType("text/csv").cacheControl("max-age=60")
                .contentDisposition("attachment").metadata(Map.of("owner", "alice", "stage", "raw")), RequestBody.fromBytes(DATA));
        copy("meta/source.csv", BUCKET, "meta/copy.csv", b -> b.contentType("application/json").metadata(Map.of("owner", "bob")));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("meta/copy.csv"));
        assertEquals("text/csv", head.contentType());
        assertEquals("max-age=60", head.cacheControl());
        assertEquals("attachment", head.contentDisposition());
        assertEquals(Map.of("owner", "alice", "stage", "raw"), head.metadata());
    }

    @Test
    void replaceDirectiveTakesTheRequestsMetadataOnly() {
        s3.putObject(b -> b.bucket(BUCKET).key("meta/r-source.csv").contentType("text/csv").cacheControl("max-age=60")
                .metadata(Map.of("owner", "alice")), RequestBody.fromBytes(DATA));
        copy("meta/r-source.csv", BUCKET, "meta/r-copy.json", b -> b.metadataDirective(MetadataDirective.REPLACE)
                .contentType("application/json").metadata(Map.of("owner", "bob", "reviewed", "yes")));
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("meta/r-copy.json"));
        assertEquals("application/json", head.contentType());
        assertNull(head.cacheControl());
        assertEquals(Map.of("owner", "bob", "reviewed", "yes"), head.metadata());
    }

    /**
     * A REPLACE copy whose request names no Content-Type is binary/octet-stream, as a PUT
     * without one (S3); a COPY carries over whatever the source is served with.
     */
    @Test
    void withoutAContentTypeAReplacedCopyIsBinaryOctetStream() throws Exception {
        Path foreign = file(BUCKET, "untyped/source.json");
        Files.createDirectories(foreign.getParent());
        Files.writeString(foreign, "{\"written\": \"by another program\"}");
        HttpResponse<byte[]> replaced = RawS3.on(server).put("/" + OTHER + "/untyped/replaced.json")
                .header("x-amz-copy-source", "/" + BUCKET + "/untyped/source.json")
                .header("x-amz-metadata-directive", "REPLACE").send();
        assertEquals(200, replaced.statusCode(), RawS3.text(replaced));
        assertEquals("binary/octet-stream", s3.headObject(b -> b.bucket(OTHER).key("untyped/replaced.json")).contentType());

        HttpResponse<byte[]> untypedPut = RawS3.on(server).put("/" + BUCKET + "/untyped/put.json").body("{}").send();
        assertEquals(200, untypedPut.statusCode(), RawS3.text(untypedPut));
        copy("untyped/put.json", OTHER, "untyped/copied.json", b -> {});
        assertEquals("binary/octet-stream", s3.headObject(b -> b.bucket(OTHER).key("untyped/copied.json")).contentType());
        copy("untyped/source.json", OTHER, "untyped/copied-foreign", b -> {});
        assertEquals("application/json", s3.headObject(b -> b.bucket(OTHER).key("untyped/copied-foreign")).contentType());
    }

    @Test
    void anUnknownDirectiveIsInvalidArgument() {
        put("meta/any.bin");
        refused(400, "InvalidArgument", () -> copy("meta/any.bin", BUCKET, "meta/any-copy.bin", b -> b.metadataDirective("MOVE")));
    }

    @Test
    void ontoItselfOnlyWithReplaceWhichChangesTheMetadataAndKeepsTheBytes() throws Exception {
        s3.putObject(b -> b.bucket(BUCKET).key("self/object.bin").contentType("text/plain").metadata(Map.of("v", "1")),
                RequestBody.fromBytes(DATA));
        S3Exception e = refused(400, "InvalidRequest", () -> copy("self/object.bin", BUCKET, "self/object.bin", b -> {}));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("This copy request is illegal"), e.getMessage());

        CopyObjectResponse copied = copy("self/object.bin", BUCKET, "self/object.bin", b -> b
                .metadataDirective(MetadataDirective.REPLACE).contentType("application/x-custom").metadata(Map.of("v", "2")));
        assertEquals(md5Etag(DATA), copied.copyObjectResult().eTag());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("self/object.bin"));
        assertEquals("application/x-custom", head.contentType());
        assertEquals(Map.of("v", "2"), head.metadata());
        assertArrayEquals(DATA, Files.readAllBytes(file(BUCKET, "self/object.bin")));
        try (var temps = Files.list(server.volume().resolve(BUCKET).resolve(".volumegate/tmp"))) {
            assertEquals(0, temps.count(), "no temp file left behind");
        }
    }

    @Test
    void theFourSourceConditions() {
        String etag = put("cond/source.bin").eTag();
        Instant modified = s3.headObject(b -> b.bucket(BUCKET).key("cond/source.bin")).lastModified();
        Instant dayBefore = modified.minus(Duration.ofDays(1));

        copy("cond/source.bin", BUCKET, "cond/1", b -> b.copySourceIfMatch(etag));
        refused(412, "PreconditionFailed", () -> copy("cond/source.bin", BUCKET, "cond/2", b -> b.copySourceIfMatch("\"0000\"")));

        copy("cond/source.bin", BUCKET, "cond/3", b -> b.copySourceIfNoneMatch("\"0000\""));
        refused(412, "PreconditionFailed", () -> copy("cond/source.bin", BUCKET, "cond/4", b -> b.copySourceIfNoneMatch(etag)));

        copy("cond/source.bin", BUCKET, "cond/5", b -> b.copySourceIfModifiedSince(dayBefore));
        refused(412, "PreconditionFailed", () -> copy("cond/source.bin", BUCKET, "cond/6", b -> b.copySourceIfModifiedSince(modified)));

        copy("cond/source.bin", BUCKET, "cond/7", b -> b.copySourceIfUnmodifiedSince(modified));
        refused(412, "PreconditionFailed", () -> copy("cond/source.bin", BUCKET, "cond/8", b -> b.copySourceIfUnmodifiedSince(dayBefore)));

        // S3's precedence: a matching if-match wins over a failing if-unmodified-since ...
        copy("cond/source.bin", BUCKET, "cond/9", b -> b.copySourceIfMatch(etag).copySourceIfUnmodifiedSince(dayBefore));
        // ... and a failing if-none-match loses even when if-modified-since holds.
        refused(412, "PreconditionFailed", () -> copy("cond/source.bin", BUCKET, "cond/10",
                b -> b.copySourceIfNoneMatch(etag).copySourceIfModifiedSince(dayBefore)));

        for (int refusedCopy : new int[] {2, 4, 6, 8, 10}) {
            assertFalse(Files.exists(file(BUCKET, "cond/" + refusedCopy)), "cond/" + refusedCopy);
        }
    }

    @Test
    void theDestinationsIfNoneMatch() {
        put("cond/dest-source.bin");
        put("cond/dest-exists.bin");
        refused(412, "PreconditionFailed", () -> copy("cond/dest-source.bin", BUCKET, "cond/dest-exists.bin", b -> b.ifNoneMatch("*")));
        copy("cond/dest-source.bin", BUCKET, "cond/dest-new.bin", b -> b.ifNoneMatch("*"));
    }

    @Test
    void missingSourcesAreNotFound() {
        refused(404, "NoSuchKey", () -> copy("no/such/key", BUCKET, "x", b -> {}));
        refused(404, "NoSuchBucket", () -> s3.copyObject(b -> b.sourceBucket("copyobjectit-missing").sourceKey("k")
                .destinationBucket(BUCKET).destinationKey("x")));
        refused(404, "NoSuchBucket", () -> copy("any", "copyobjectit-missing", "x", b -> {}));
    }

    @Test
    void theSourceKeyIsValidatedLikeAnyKey() {
        put("guard/source.bin");
        refused(400, "InvalidArgument", () -> copy("guard/../guard/source.bin", BUCKET, "guard/x", b -> {}));
        refused(403, "AccessDenied", () -> copy(".volumegate/keystore.p12", BUCKET, "guard/stolen", b -> {}));
        refused(400, "InvalidArgument", () -> copy("guard/source.bin", BUCKET, "guard/y", b -> b.sourceVersionId("3HL4kqtJlcpX")));
        copy("guard/source.bin", BUCKET, "guard/z", b -> b.sourceVersionId("null"));
        assertFalse(Files.exists(file(BUCKET, "guard/stolen")));
    }

    @Test
    void theCredentialMustBeAllowedToReadTheSourceBucket() throws Exception {
        put("scoped/source.bin");
        // May write OTHER, but not read BUCKET: routing lets the PUT through, the copy source may not.
        try (S3Client writerOfOther = ScopedCredentials.client(server, Set.of(OTHER), false)) {
            S3Exception e = refused(403, "AccessDenied", () -> writerOfOther.copyObject(b -> b.sourceBucket(BUCKET)
                    .sourceKey("scoped/source.bin").destinationBucket(OTHER).destinationKey("scoped/stolen.bin")));
            assertTrue(e.awsErrorDetails().errorMessage().contains("copy source"), e.getMessage());
            assertFalse(Files.exists(file(OTHER, "scoped/stolen.bin")));
            // Within its own bucket the same credential gets as far as looking the source up.
            refused(404, "NoSuchKey", () -> writerOfOther.copyObject(b -> b.sourceBucket(OTHER).sourceKey("scoped/nothing")
                    .destinationBucket(OTHER).destinationKey("scoped/x")));
        }
        // Read-only on both: the source may be read, the destination not written.
        try (S3Client reader = ScopedCredentials.client(server, Set.of(BUCKET, OTHER), true)) {
            refused(403, "AccessDenied", () -> reader.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("scoped/source.bin")
                    .destinationBucket(OTHER).destinationKey("scoped/ro.bin")));
        }
        // Read on the source bucket and write on the destination: the copy works.
        try (S3Client both = ScopedCredentials.client(server, Set.of(BUCKET, OTHER), false)) {
            both.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("scoped/source.bin").destinationBucket(OTHER)
                    .destinationKey("scoped/allowed.bin"));
        }
        assertArrayEquals(DATA, Files.readAllBytes(file(OTHER, "scoped/allowed.bin")));
    }

    @Test
    void rawHeaderForms() throws Exception {
        put("raw/source.bin");
        assertEquals(200, rawCopy("/" + BUCKET + "/raw/source.bin", "/" + OTHER + "/raw/leading-slash").statusCode());
        assertEquals(200, rawCopy(BUCKET + "/raw%2Fsource.bin", "/" + OTHER + "/raw/encoded-slash").statusCode());
        assertArrayEquals(DATA, Files.readAllBytes(file(OTHER, "raw/encoded-slash")));
        HttpResponse<String> traversal = rawCopy(BUCKET + "/raw/%2E%2E/%2E%2E/" + OTHER + "/raw/leading-slash", "/" + OTHER + "/raw/t");
        assertEquals(400, traversal.statusCode());
        assertTrue(traversal.body().contains("<Code>InvalidArgument</Code>"), traversal.body());
        HttpResponse<String> noKey = rawCopy(BUCKET, "/" + OTHER + "/raw/n");
        assertEquals(400, noKey.statusCode());
        assertTrue(noKey.body().contains("Copy Source must mention the source bucket and key"), noKey.body());
    }

    /** A PUT with x-amz-copy-source exactly as given, signed as a presigned URL (the header stays unsigned). */
    private HttpResponse<String> rawCopy(String copySource, String destination) throws Exception {
        String host = "127.0.0.1:" + server.port();
        String query = SigV4Signer.presignedQuery("PUT", destination, null, host, server.adminAccessKey(),
                server.adminSecretKey().getBytes(StandardCharsets.UTF_8), "us-east-1", Instant.now(), Duration.ofMinutes(5));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + destination + "?" + query))
                .header("x-amz-copy-source", copySource)
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        return server.http().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Larger than the server's whole heap (256 MiB, see arquillian.xml), through both copy
     * paths: a file another program wrote (hashed while copied) and then that copy, whose
     * stored MD5 is fresh (kernel copy, digests reused). Buffering either would fail.
     */
    @Test
    void copiesLargerThanTheServersHeapStream() throws Exception {
        Path foreign = file(BUCKET, "large/written-elsewhere.bin");
        Files.createDirectories(foreign.getParent());
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] block = randomBytes(1024 * 1024);
        try (var out = Files.newOutputStream(foreign)) {
            for (int i = 0; i < 320; i++) {
                block[0] = (byte) i; // no two blocks alike
                out.write(block);
                md5.update(block);
            }
        }
        String etag = "\"" + HexFormat.of().formatHex(md5.digest()) + "\"";
        try {
            assertEquals(etag, copy("large/written-elsewhere.bin", BUCKET, "large/hashed.bin", b -> {}).copyObjectResult().eTag());
            s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("large/hashed.bin").destinationBucket(OTHER)
                    .destinationKey("large/transferred.bin"));
            assertEquals(etag, s3.headObject(b -> b.bucket(OTHER).key("large/transferred.bin")).eTag());
            assertEquals(Files.size(foreign), Files.size(file(OTHER, "large/transferred.bin")));
        } finally {
            Files.deleteIfExists(foreign);
            Files.deleteIfExists(file(BUCKET, "large/hashed.bin"));
            Files.deleteIfExists(file(OTHER, "large/transferred.bin"));
        }
    }

    @Test
    void aDirectoryObjectCopiesAsAnEmptyObject() {
        s3.putObject(b -> b.bucket(BUCKET).key("dirs/folder/"), RequestBody.empty());
        CopyObjectResponse copied = copy("dirs/folder/", BUCKET, "dirs/other-folder/", b -> {});
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", copied.copyObjectResult().eTag());
        assertTrue(Files.isDirectory(file(BUCKET, "dirs/other-folder")));
        assertNotEquals(0, s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("dirs/other-folder/")).keyCount());
    }

    private static String md5Etag(byte[] data) throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"";
    }

    private static String sha256Base64(byte[] data) {
        try {
            return java.util.Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }
}
