package io.volumegate.it;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DeleteObject and directory objects ({@code folder/}), checked against the folders on the volume. */
class ObjectDeleteIT extends ObjectTestBase {
    private static final String BUCKET = "objectdeleteit";

    @Test
    void deleteIsIdempotent() {
        Path bucket = bucket(BUCKET);
        put(BUCKET, "once.txt", "x".getBytes(StandardCharsets.UTF_8));

        DeleteObjectResponse first = server.s3().deleteObject(b -> b.bucket(BUCKET).key("once.txt"));
        assertEquals(204, first.sdkHttpResponse().statusCode());
        assertFalse(Files.exists(bucket.resolve("once.txt")));
        assertS3Error(404, "NoSuchKey", () -> get(BUCKET, "once.txt"));

        DeleteObjectResponse again = server.s3().deleteObject(b -> b.bucket(BUCKET).key("once.txt"));
        assertEquals(204, again.sdkHttpResponse().statusCode(), "deleting a missing key succeeds, as on S3");
        DeleteObjectResponse never = server.s3().deleteObject(b -> b.bucket(BUCKET).key("never/existed/at-all"));
        assertEquals(204, never.sdkHttpResponse().statusCode());
        assertFalse(Files.exists(bucket.resolve("never")), "a delete creates nothing");
    }

    /**
     * This bucket was never versioned, so every object is the "null" version; an id this server
     * cannot have made is 400 InvalidArgument, as on S3, and deletes nothing (VersioningIT has
     * the versioned bucket's side).
     */
    @Test
    void aVersionIdOtherThanNullIsInvalidArgumentAndDeletesNothing() throws Exception {
        Path bucket = bucket(BUCKET);
        put(BUCKET, "versioned.txt", "keep me".getBytes(StandardCharsets.UTF_8));

        HttpResponse<byte[]> refused = raw().delete("/" + BUCKET + "/versioned.txt?versionId=3HL4kqtJlcpXroDTDmJ").send();
        assertRawError(400, "InvalidArgument", refused);
        assertEquals("Invalid version id specified", S3Assertions.element(RawS3.text(refused), "Message"));
        assertEquals("versionId", S3Assertions.element(RawS3.text(refused), "ArgumentName"));
        assertEquals("3HL4kqtJlcpXroDTDmJ", S3Assertions.element(RawS3.text(refused), "ArgumentValue"));
        assertS3Error(400, "InvalidArgument", () -> server.s3().deleteObject(b -> b.bucket(BUCKET).key("versioned.txt").versionId("anything")));
        assertEquals("keep me", Files.readString(bucket.resolve("versioned.txt")), "the current object is untouched");

        assertEquals(204, server.s3().deleteObject(b -> b.bucket(BUCKET).key("versioned.txt").versionId("null")).sdkHttpResponse().statusCode());
        assertFalse(Files.exists(bucket.resolve("versioned.txt")), "versionId=null is the current object");
    }

    @Test
    void deleteRemovesTheParentDirectoriesItLeavesEmpty() {
        Path bucket = bucket(BUCKET);
        put(BUCKET, "tree/a/b/c/leaf.txt", "leaf".getBytes(StandardCharsets.UTF_8));
        put(BUCKET, "tree/a/sibling.txt", "sibling".getBytes(StandardCharsets.UTF_8));
        assertTrue(Files.isDirectory(bucket.resolve("tree/a/b/c")));
        // A plain folder is no object, with or without the slash.
        assertS3Error(404, "NoSuchKey", () -> get(BUCKET, "tree/a/b"));
        assertS3Error(404, "NoSuchKey", () -> get(BUCKET, "tree/a/b/"));
        assertEquals(204, server.s3().deleteObject(b -> b.bucket(BUCKET).key("tree/a/b")).sdkHttpResponse().statusCode());
        assertTrue(Files.isDirectory(bucket.resolve("tree/a/b/c")), "deleting the folder's name deletes nothing");

        server.s3().deleteObject(b -> b.bucket(BUCKET).key("tree/a/b/c/leaf.txt"));
        assertFalse(Files.exists(bucket.resolve("tree/a/b/c")), "c is empty now");
        assertFalse(Files.exists(bucket.resolve("tree/a/b")), "b is empty now");
        assertTrue(Files.isRegularFile(bucket.resolve("tree/a/sibling.txt")), "a still holds sibling.txt");

        server.s3().deleteObject(b -> b.bucket(BUCKET).key("tree/a/sibling.txt"));
        assertFalse(Files.exists(bucket.resolve("tree")), "every folder the deletes emptied is gone");
        assertTrue(Files.isDirectory(bucket), "the bucket itself stays");
        assertEquals(List.of(), server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("tree/")).contents());
    }

    @Test
    void directoryObjectsAreDirectoriesAndSurviveTheirChildren() {
        Path bucket = bucket(BUCKET);
        server.s3().putObject(b -> b.bucket(BUCKET).key("folder/"), RequestBody.empty());
        assertTrue(Files.isDirectory(bucket.resolve("folder")), "folder/ is a directory on the volume");

        HeadObjectResponse head = server.s3().headObject(b -> b.bucket(BUCKET).key("folder/"));
        assertEquals(0L, head.contentLength());
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", head.eTag());
        assertEquals(0, get(BUCKET, "folder/").asByteArray().length);

        put(BUCKET, "folder/child.txt", "child".getBytes(StandardCharsets.UTF_8));
        put(BUCKET, "folder/sub/grandchild.txt", "grandchild".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("folder/", "folder/child.txt", "folder/sub/grandchild.txt"),
                server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("folder/")).contents().stream().map(S3Object::key).toList());

        server.s3().deleteObject(b -> b.bucket(BUCKET).key("folder/child.txt"));
        server.s3().deleteObject(b -> b.bucket(BUCKET).key("folder/sub/grandchild.txt"));
        assertFalse(Files.exists(bucket.resolve("folder/sub")), "the plain folder sub/ went with its last child");
        assertTrue(Files.isDirectory(bucket.resolve("folder")), "the directory object stays");
        assertEquals(0L, server.s3().headObject(b -> b.bucket(BUCKET).key("folder/")).contentLength());
        assertEquals(List.of("folder/"),
                server.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix("folder/")).contents().stream().map(S3Object::key).toList());

        assertEquals(204, server.s3().deleteObject(b -> b.bucket(BUCKET).key("folder/")).sdkHttpResponse().statusCode());
        assertFalse(Files.exists(bucket.resolve("folder")), "deleting the empty directory object removes the folder");
        assertS3Error(404, null, () -> server.s3().headObject(b -> b.bucket(BUCKET).key("folder/")));
    }

    @Test
    void directoryObjectWithDataIsRefused() throws Exception {
        Path bucket = bucket(BUCKET);
        assertS3Error(400, "InvalidRequest", () -> put(BUCKET, "notempty/", "data".getBytes(StandardCharsets.UTF_8)));
        assertFalse(Files.exists(bucket.resolve("notempty")));
        assertNoTempFiles(bucket);
    }
}
