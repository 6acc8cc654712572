package io.volumegate.it;

import io.volumegate.checksum.Crc64Nvme;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 multipart API through the Java SDK's own operations: each step, each error S3
 * defines, and what the finished object looks like (ETag, checksums, parts). The server
 * streams every Complete's answer (complete-keep-alive-seconds=0 in the IT settings), so
 * these tests also show that the SDK reads a 200 whose body starts with whitespace, and an
 * error arriving inside it.
 */
class MultipartUploadIT extends ServerTestBase {
    private static final String BUCKET = "multipartuploadit";
    private static final int MIB = 1 << 20;
    private static final byte[] PART_1 = bytes(5 * MIB, 1);
    private static final byte[] PART_2 = bytes(5 * MIB, 2);
    private static final byte[] PART_3 = bytes(MIB + 7, 3);

    private S3Client s3() {
        S3Client s3 = server.s3();
        if (!Files.isDirectory(server.volume().resolve(BUCKET))) s3.createBucket(b -> b.bucket(BUCKET));
        return s3;
    }

    @Test
    void createUploadThreePartsListCompleteAndReadBackWithCompositeCrc32() throws Exception {
        S3Client s3 = s3();
        String key = "composite/video.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key).contentType("video/x-test")
                .metadata(java.util.Map.of("origin", "it")).checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();

        List<CompletedPart> parts = new ArrayList<>();
        byte[][] data = {PART_1, PART_2, PART_3};
        for (int n = 1; n <= 3; n++) {
            byte[] part = data[n - 1];
            int number = n;
            UploadPartResponse uploaded = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(number)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(part));
            assertEquals(quotedMd5(part), uploaded.eTag());
            assertEquals(crc32(part), uploaded.checksumCRC32(), "the part's checksum is echoed");
            parts.add(CompletedPart.builder().partNumber(n).eTag(uploaded.eTag()).checksumCRC32(uploaded.checksumCRC32()).build());
        }

        ListPartsResponse listed = s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(id));
        assertEquals(List.of(1, 2, 3), listed.parts().stream().map(p -> p.partNumber()).toList());
        assertEquals(List.of((long) PART_1.length, (long) PART_2.length, (long) PART_3.length),
                listed.parts().stream().map(p -> p.size()).toList());
        assertEquals(crc32(PART_2), listed.parts().get(1).checksumCRC32());
        assertEquals(ChecksumAlgorithm.CRC32, listed.checksumAlgorithm());
        assertEquals(ChecksumType.COMPOSITE, listed.checksumType());

        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(parts)));
        String etag = "\"" + multipartEtag(PART_1, PART_2, PART_3) + "\"";
        assertEquals(etag, done.eTag());
        String composite = compositeCrc32(PART_1, PART_2, PART_3);
        assertEquals(composite, done.checksumCRC32());
        assertEquals(ChecksumType.COMPOSITE, done.checksumType());

        byte[] whole = concat(PART_1, PART_2, PART_3);
        assertArrayEquals(whole, Files.readAllBytes(server.volume().resolve(BUCKET).resolve(key)), "one plain file");
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
        assertEquals(etag, head.eTag());
        assertEquals(composite, head.checksumCRC32());
        assertEquals(ChecksumType.COMPOSITE, head.checksumType());
        assertEquals("video/x-test", head.contentType());
        assertEquals("it", head.metadata().get("origin"));
        assertNull(head.partsCount(), "only with ?partNumber");

        ResponseBytes<GetObjectResponse> second = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).partNumber(2));
        assertArrayEquals(PART_2, second.asByteArray());
        assertEquals(3, second.response().partsCount());
        assertEquals("bytes " + PART_1.length + "-" + (PART_1.length + PART_2.length - 1) + "/" + whole.length,
                second.response().contentRange());
        assertEquals(etag, second.response().eTag());
        HeadObjectResponse third = s3.headObject(b -> b.bucket(BUCKET).key(key).partNumber(3));
        assertEquals(PART_3.length, third.contentLength());
        assertEquals(3, third.partsCount());
        assertError("InvalidPartNumber", 416, () -> s3.getObject(b -> b.bucket(BUCKET).key(key).partNumber(4)));
        assertTrue(stagingOf(id).isEmpty() || stagingOf(id).equals(List.of(id, id + "/completed")), stagingOf(id).toString());
    }

    /** CreateMultipartUpload without Content-Type makes a binary/octet-stream object, as a PUT without one (S3). */
    @Test
    void withoutAContentTypeTheObjectIsBinaryOctetStream() throws Exception {
        S3Client s3 = s3();
        String key = "untyped/data.json";
        // Raw: the SDK sends a Content-Type of its own with CreateMultipartUpload.
        HttpResponse<byte[]> created = RawS3.on(server).post("/" + BUCKET + "/" + key + "?uploads").send();
        assertEquals(200, created.statusCode(), RawS3.text(created));
        String id = S3Assertions.element(RawS3.text(created), "UploadId");
        UploadPartResponse part = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_3));
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.eTag()).build())));
        assertEquals("binary/octet-stream", s3.headObject(b -> b.bucket(BUCKET).key(key)).contentType());
    }

    @Test
    void withoutAnAlgorithmTheObjectGetsAFullObjectCrc64nvme() {
        S3Client s3 = s3();
        String key = "default/full.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2), RequestBody.fromBytes(PART_3)).eTag();
        CompleteMultipartUploadResponse done = complete(s3, key, id, part(1, e1), part(2, e2));

        String expected = crc64nvme(concat(PART_1, PART_3));
        assertEquals(expected, done.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, done.checksumType());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED));
        assertEquals(expected, head.checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, head.checksumType());
    }

    @Test
    void aFullObjectCrc32cIsCombinedFromThePartsAndHeldToTheClientsClaim() {
        S3Client s3 = s3();
        String key = "full/crc32c.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32_C)
                .checksumType(ChecksumType.FULL_OBJECT)).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(PART_1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C), RequestBody.fromBytes(PART_3)).eTag();
        String whole = crc32c(concat(PART_1, PART_3));

        assertError("BadDigest", 400, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .checksumCRC32C(crc32c(PART_1)).checksumType(ChecksumType.FULL_OBJECT)
                .multipartUpload(m -> m.parts(part(1, e1), part(2, e2)))));
        CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .checksumCRC32C(whole).checksumType(ChecksumType.FULL_OBJECT).multipartUpload(m -> m.parts(part(1, e1), part(2, e2))));
        assertEquals(whole, done.checksumCRC32C());
        assertEquals(ChecksumType.FULL_OBJECT, done.checksumType());
    }

    @Test
    void theDefaultSdkClientUploadsPartsAsAwsChunkedWithTrailingChecksums() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.adminAccessKey(), server.adminSecretKey()));
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1).credentialsProvider(credentials).forcePathStyle(true).build()) {
            s3();
            String key = "sdk-default/chunked.bin";
            String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            UploadPartResponse p1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_1));
            UploadPartResponse p2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2), RequestBody.fromBytes(PART_3));
            CompleteMultipartUploadResponse done = s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                    .multipartUpload(m -> m.parts(
                            CompletedPart.builder().partNumber(1).eTag(p1.eTag()).checksumCRC32(p1.checksumCRC32()).build(),
                            CompletedPart.builder().partNumber(2).eTag(p2.eTag()).checksumCRC32(p2.checksumCRC32()).build())));
            assertEquals("\"" + multipartEtag(PART_1, PART_3) + "\"", done.eTag());
            byte[] back = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key).checksumMode(ChecksumMode.ENABLED)).asByteArray();
            assertArrayEquals(concat(PART_1, PART_3), back);
        }
    }

    @Test
    void uploadingAPartAgainReplacesIt() throws Exception {
        S3Client s3 = s3();
        String key = "replace/part.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_2));
        String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2), RequestBody.fromBytes(PART_3)).eTag();

        ListPartsResponse listed = s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(id));
        assertEquals(2, listed.parts().size());
        assertEquals(e1, listed.parts().get(0).eTag());
        assertError("InvalidPart", 400, () -> complete(s3, key, id, part(1, quotedMd5(PART_2)), part(2, e2)));

        complete(s3, key, id, part(1, e1), part(2, e2));
        assertArrayEquals(concat(PART_1, PART_3), Files.readAllBytes(server.volume().resolve(BUCKET).resolve(key)));
    }

    @Test
    void aRetriedCompleteGetsTheSameAnswer() {
        S3Client s3 = s3();
        String key = "retry/object.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_1)).eTag();
        String e2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2), RequestBody.fromBytes(PART_3)).eTag();
        CompleteMultipartUploadResponse first = complete(s3, key, id, part(1, e1), part(2, e2));
        CompleteMultipartUploadResponse again = complete(s3, key, id, part(1, e1), part(2, e2));
        assertEquals(first.eTag(), again.eTag());
        assertEquals(first.checksumCRC64NVME(), again.checksumCRC64NVME());
        assertError("InvalidPart", 400, () -> complete(s3, key, id, part(1, e1)));
        // Completed is not in progress: no more parts, not listed, not abortable.
        assertError("NoSuchUpload", 404, () -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(3),
                RequestBody.fromBytes(PART_3)));
        assertError("NoSuchUpload", 404, () -> s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(id)));
        assertError("NoSuchUpload", 404, () -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)));
    }

    @Test
    void everyErrorS3DefinesForMultipart() {
        S3Client s3 = s3();
        String key = "errors/object.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String small1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_3)).eTag();
        String small2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2), RequestBody.fromBytes(PART_3)).eTag();

        assertError("EntityTooSmall", 400, () -> complete(s3, key, id, part(1, small1), part(2, small2)));
        assertError("InvalidPart", 400, () -> complete(s3, key, id, part(1, small1), part(3, small2)));
        assertError("InvalidPart", 400, () -> complete(s3, key, id, part(1, "\"00000000000000000000000000000000\"")));
        assertError("InvalidPartOrder", 400, () -> complete(s3, key, id, part(2, small2), part(1, small1)));
        assertError("NoSuchUpload", 404, () -> complete(s3, key, "0190a3f2c1d4Xq3v9Kp0bT_m2LwZc8aE", part(1, small1)));
        assertError("NoSuchUpload", 404, () -> complete(s3, "errors/other-key", id, part(1, small1)));
        assertError("NoSuchUpload", 404, () -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId("no-such-upload").partNumber(1),
                RequestBody.fromBytes(PART_3)));
        assertError("InvalidArgument", 400, () -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(0),
                RequestBody.fromBytes(PART_3)));
        assertError("InvalidArgument", 400, () -> s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(10_001),
                RequestBody.fromBytes(PART_3)));
        assertError("InvalidRequest", 400, () -> s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)
                .checksumAlgorithm(ChecksumAlgorithm.CRC64_NVME).checksumType(ChecksumType.COMPOSITE)));

        // Nothing above touched the parts: the last part may be small, so part 1 alone completes.
        complete(s3, key, id, part(1, small1));
        assertArrayEquals(PART_3, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    }

    @Test
    void aConditionalCompleteThatCannotHoldFailsBeforeAssemblingWithItsOwnStatus() {
        S3Client s3 = s3();
        String key = "conditional/object.bin";
        String existing = s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString("old")).eTag();
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_3)).eTag();

        assertError("PreconditionFailed", 412, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .ifNoneMatch("*").multipartUpload(m -> m.parts(part(1, e1)))));
        assertError("PreconditionFailed", 412, () -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .ifMatch("\"0123456789abcdef0123456789abcdef\"").multipartUpload(m -> m.parts(part(1, e1)))));
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).ifMatch(existing)
                .multipartUpload(m -> m.parts(part(1, e1))));
        assertArrayEquals(PART_3, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    }

    @Test
    void malformedAndOversizedCompleteBodiesAreRefused() throws Exception {
        S3Client s3 = s3();
        String key = "errors/xml.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        assertEquals(400, rawComplete(key, id, "<CompleteMultipartUpload><Part>").statusCode());
        HttpResponse<String> malformed = rawComplete(key, id, "<CompleteMultipartUpload></CompleteMultipartUpload>");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("<Code>MalformedXML</Code>"), malformed.body());
        HttpResponse<String> huge = rawComplete(key, id, "<CompleteMultipartUpload>" + " ".repeat(5 * MIB) + "</CompleteMultipartUpload>");
        assertEquals(400, huge.statusCode());
        assertTrue(huge.body().contains("<Code>EntityTooLarge</Code>"), huge.body());
    }

    @Test
    void anErrorAfterThe200ArrivesInsideItsBody() throws Exception {
        // The key names a directory that holds an object: found only when the assembled object
        // is renamed into place, after the server has answered 200 and started its keep-alive.
        S3Client s3 = s3();
        s3.putObject(b -> b.bucket(BUCKET).key("late/dir/child.txt"), RequestBody.fromString("child"));
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("late/dir")).uploadId();
        String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key("late/dir").uploadId(id).partNumber(1), RequestBody.fromBytes(PART_3)).eTag();

        HttpResponse<String> raw = rawComplete("late/dir", id, "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"
                + e1 + "</ETag></Part></CompleteMultipartUpload>");
        assertEquals(200, raw.statusCode());
        assertTrue(raw.body().matches("(?s)<\\?xml[^>]*\\?>\\s*<Error><Code>ExistingObjectIsDirectory</Code>.*"), raw.body());

        assertError("ExistingObjectIsDirectory", 200, () -> complete(s3, "late/dir", id, part(1, e1)));
        assertTrue(Files.isDirectory(server.volume().resolve(BUCKET).resolve("late/dir")), "nothing replaced");
        assertEquals(1, s3.listParts(b -> b.bucket(BUCKET).key("late/dir").uploadId(id)).parts().size(), "the upload lives on");
    }

    @Test
    void listMultipartUploadsPagesInKeyThenCreationOrder() {
        S3Client s3 = s3();
        String prefix = "listing/";
        List<String> keys = List.of("listing/b", "listing/a", "listing/b", "listing/c/deep", "listing/a");
        List<String> ids = new ArrayList<>();
        for (String key : keys) ids.add(s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId());
        List<String> expected = List.of(ids.get(1), ids.get(4), ids.get(0), ids.get(2), ids.get(3));

        List<String> seen = new ArrayList<>();
        String keyMarker = null;
        String idMarker = null;
        int pages = 0;
        while (true) {
            String km = keyMarker;
            String im = idMarker;
            ListMultipartUploadsResponse page = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix).maxUploads(2)
                    .keyMarker(km).uploadIdMarker(im));
            pages++;
            page.uploads().stream().map(MultipartUpload::uploadId).forEach(seen::add);
            assertTrue(page.uploads().size() <= 2);
            if (!page.isTruncated()) break;
            keyMarker = page.nextKeyMarker();
            idMarker = page.nextUploadIdMarker();
        }
        assertEquals(expected, seen);
        assertEquals(3, pages);

        ListMultipartUploadsResponse rolled = s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix).delimiter("/"));
        assertEquals(List.of("listing/c/"), rolled.commonPrefixes().stream().map(p -> p.prefix()).toList());
        assertEquals(4, rolled.uploads().size());
        MultipartUpload first = rolled.uploads().get(0);
        assertEquals("listing/a", first.key());
        assertEquals(ChecksumAlgorithm.CRC64_NVME, first.checksumAlgorithm());
        assertTrue(first.initiated() != null);

        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String id = ids.get(i);
            s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id));
        }
        assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().isEmpty());
    }

    @Test
    void abortLeavesNothingInTheStagingArea() throws Exception {
        S3Client s3 = s3();
        String key = "abort/object.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(1), RequestBody.fromBytes(PART_1));
        s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(2), RequestBody.fromBytes(PART_3));
        assertFalse(stagingOf(id).isEmpty());

        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id));

        assertEquals(List.of(), stagingOf(id));
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve(key)));
        assertError("NoSuchUpload", 404, () -> s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)));
        assertError("NoSuchUpload", 404, () -> s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(id)));
    }

    // ---- helpers -------------------------------------------------------------------------

    private CompleteMultipartUploadResponse complete(S3Client s3, String key, String id, CompletedPart... parts) {
        return s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }

    private static CompletedPart part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** A Complete sent by hand (presigned, so the test controls the body byte for byte). */
    private HttpResponse<String> rawComplete(String key, String id, String body) throws Exception {
        String query = io.volumegate.auth.SigV4Signer.presignedQuery("POST", "/" + BUCKET + "/" + key, "uploadId=" + id,
                "127.0.0.1:" + server.port(), server.adminAccessKey(),
                server.adminSecretKey().getBytes(java.nio.charset.StandardCharsets.UTF_8), "us-east-1", java.time.Instant.now(),
                java.time.Duration.ofMinutes(5));
        // Expect: 100-continue lets the server refuse an oversized body before the client sends it.
        return server.http().send(HttpRequest.newBuilder(server.uri("/" + BUCKET + "/" + key + "?" + query)).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Files of this upload in the bucket's staging area, relative to the uploads folder. */
    private List<String> stagingOf(String id) throws Exception {
        Path uploads = server.volume().resolve(BUCKET).resolve(".volumegate").resolve("uploads");
        if (!Files.isDirectory(uploads)) return List.of();
        try (Stream<Path> walk = Files.walk(uploads)) {
            return walk.map(p -> uploads.relativize(p).toString()).filter(name -> name.startsWith(id)).sorted().toList();
        }
    }

    private static void assertError(String code, int status, Executable action) {
        S3Exception e = assertThrows(S3Exception.class, action);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
    }

    static String multipartEtag(byte[]... parts) throws RuntimeException {
        try {
            MessageDigest outer = MessageDigest.getInstance("MD5");
            for (byte[] part : parts) outer.update(MessageDigest.getInstance("MD5").digest(part));
            return HexFormat.of().formatHex(outer.digest()) + "-" + parts.length;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quotedMd5(byte[] data) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)) + "\"";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return base64((int) crc.getValue());
    }

    private static String crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return base64((int) crc.getValue());
    }

    private static String compositeCrc32(byte[]... parts) {
        CRC32 crc = new CRC32();
        for (byte[] part : parts) crc.update(Base64.getDecoder().decode(crc32(part)));
        return base64((int) crc.getValue()) + "-" + parts.length;
    }

    private static String crc64nvme(byte[] data) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(crc.getValue()).array());
    }

    private static String base64(int value) {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt(value).array());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }
}
