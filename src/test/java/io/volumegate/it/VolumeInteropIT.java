package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Objects ARE files: what other programs write on the volume is an object at once, and the reverse. */
class VolumeInteropIT extends ObjectTestBase {
    private static final String BUCKET = "volumeinteropit";

    @Test
    void fileWrittenOnTheVolumeIsAnObjectAtOnce() throws Exception {
        Path bucket = bucket(BUCKET);
        // List first, so a cached listing of the bucket exists that the new file must not hide.
        server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("x/"));
        byte[] content = "written by another program\n".getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(bucket.resolve("x"));
        Files.write(bucket.resolve("x/y.txt"), content);

        ResponseBytes<GetObjectResponse> got = get(BUCKET, "x/y.txt");
        assertArrayEquals(content, got.asByteArray());
        String etag = got.response().eTag();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\"") && etag.contains("-"),
                "synthetic ETag with '-' so clients do not take it for an MD5: " + etag);
        assertNotEquals(quotedMd5(content), etag);
        assertEquals("text/plain", got.response().contentType().split(";")[0], "by extension");
        assertEquals(etag, server.s3().headObject(b -> b.bucket(BUCKET).key("x/y.txt")).eTag(), "HEAD agrees");
        assertEquals(etag, get(BUCKET, "x/y.txt").response().eTag(), "stable while the file is unchanged");

        List<S3Object> listed = server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("x/")).contents();
        assertEquals(1, listed.size());
        assertEquals("x/y.txt", listed.get(0).key());
        assertEquals(content.length, listed.get(0).size());
        assertEquals(etag, listed.get(0).eTag(), "listing and GET agree on the ETag");
    }

    @Test
    void objectPutOverS3IsAPlainFile() throws Exception {
        Path bucket = bucket(BUCKET);
        byte[] content = randomBytes(200_000, 7);
        put(BUCKET, "plain/file.bin", content);

        Path file = bucket.resolve("plain/file.bin");
        assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS), "a regular file, not a link");
        assertArrayEquals(content, Files.readAllBytes(file), "exactly the bytes, no framing or header");
        try (var names = Files.list(bucket.resolve("plain"))) {
            assertEquals(List.of(file), names.toList(), "no sidecar files beside the object");
        }
    }

    @Test
    void overwritingTheFileDirectlyChangesEtagAndContent() throws Exception {
        Path bucket = bucket(BUCKET);
        byte[] before = "before: stored over S3".getBytes(StandardCharsets.UTF_8);
        server.s3().putObject(b -> b.bucket(BUCKET).key("edited/doc").contentType("application/x-before"), RequestBody.fromBytes(before));
        String etagBefore = get(BUCKET, "edited/doc").response().eTag();
        assertEquals(quotedMd5(before), etagBefore);

        byte[] after = "after: an editor rewrote the file in place, longer".getBytes(StandardCharsets.UTF_8);
        Files.write(bucket.resolve("edited/doc"), after);

        ResponseBytes<GetObjectResponse> got = get(BUCKET, "edited/doc");
        assertArrayEquals(after, got.asByteArray());
        String etagAfter = got.response().eTag();
        assertNotEquals(etagBefore, etagAfter, "the stored MD5 no longer describes the file");
        assertTrue(etagAfter.contains("-"), "synthetic ETag: " + etagAfter);
        assertEquals("text/plain", got.response().contentType().split(";")[0],
                "metadata of the old bytes is dropped; the new ones are sniffed");
        assertEquals(after.length, got.response().contentLength());
        S3Object listed = server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("edited/")).contents().get(0);
        assertEquals(etagAfter, listed.eTag());
        assertEquals(after.length, listed.size());

        // Same length, new bytes: still a new ETag.
        byte[] sameLength = new byte[after.length];
        java.util.Arrays.fill(sameLength, (byte) 'z');
        Path replacement = Files.write(bucket.resolve("edited/.doc.tmp"), sameLength);
        Files.move(replacement, bucket.resolve("edited/doc"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        ResponseBytes<GetObjectResponse> replaced = get(BUCKET, "edited/doc");
        assertArrayEquals(sameLength, replaced.asByteArray());
        assertNotEquals(etagAfter, replaced.response().eTag(), "a file replaced by rename gets a new ETag");
    }

    @Test
    void fileDeletedOnTheVolumeIsGoneAtOnce() throws Exception {
        Path bucket = bucket(BUCKET);
        put(BUCKET, "gone/soon.txt", "soon gone".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("gone/")).contents().size());
        Files.delete(bucket.resolve("gone/soon.txt"));

        assertS3Error(404, "NoSuchKey", () -> get(BUCKET, "gone/soon.txt"));
        assertEquals(List.of(), server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("gone/")).contents());
    }

    @Test
    void topLevelDirectoryIsABucket() throws Exception {
        Path directory = Files.createDirectories(server.volume().resolve("volumeinteropit-made-by-mkdir"));
        Files.writeString(directory.resolve("hello.txt"), "hello");

        List<String> buckets = server.s3().listBuckets().buckets().stream().map(Bucket::name).toList();
        assertTrue(buckets.contains("volumeinteropit-made-by-mkdir"), "ListBuckets shows it: " + buckets);
        assertEquals(200, server.s3().headBucket(b -> b.bucket("volumeinteropit-made-by-mkdir")).sdkHttpResponse().statusCode());
        assertEquals("hello", get("volumeinteropit-made-by-mkdir", "hello.txt").asUtf8String());

        // A directory whose name no bucket may have is not one.
        Files.createDirectories(server.volume().resolve("Not_A_Bucket"));
        assertFalse(server.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals("Not_A_Bucket")));
    }
}
