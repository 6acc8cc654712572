package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.volumegate.it.S3Assertions.assertErrorDocument;
import static io.volumegate.it.S3Assertions.assertS3Error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Buckets as S3 users handle them, and as the volume holds them: a bucket is a top-level
 * directory, whoever made it.
 */
class BucketIT extends ServerTestBase {

    @Test
    void createHeadListLocateAndDelete() throws Exception {
        String bucket = "bucketit-lifecycle";
        Instant before = Instant.now().minusSeconds(5);

        CreateBucketResponse created = server.s3().createBucket(b -> b.bucket(bucket));
        assertEquals("/" + bucket, created.location());
        assertTrue(Files.isDirectory(server.volume().resolve(bucket)), "the bucket is a directory in the volume");

        HeadBucketResponse head = server.s3().headBucket(h -> h.bucket(bucket));
        assertEquals(200, head.sdkHttpResponse().statusCode());
        assertEquals("us-east-1", head.bucketRegion());

        Bucket listed = bucketNamed(bucket).orElseThrow(() -> new AssertionError(bucket + " not in ListBuckets"));
        assertNotNull(listed.creationDate());
        assertTrue(listed.creationDate().isAfter(before)
                && listed.creationDate().isBefore(Instant.now().plusSeconds(5)), () -> "CreationDate " + listed.creationDate());
        assertEquals("us-east-1", listed.bucketRegion());
        // The creation date is not the directory's mtime, which every top-level change moves.
        server.s3().putObject(p -> p.bucket(bucket).key("top.txt"), RequestBody.fromString("x"));
        Files.setLastModifiedTime(server.volume().resolve(bucket), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertEquals(listed.creationDate(), bucketNamed(bucket).orElseThrow().creationDate());
        server.s3().deleteObject(d -> d.bucket(bucket).key("top.txt"));
        assertNotNull(server.s3().listBuckets().owner(), "ListBuckets names the owner");

        // us-east-1 is the empty LocationConstraint, as on S3.
        GetBucketLocationResponse location = server.s3().getBucketLocation(g -> g.bucket(bucket));
        assertTrue(location.locationConstraintAsString() == null || location.locationConstraintAsString().isEmpty(),
                () -> "LocationConstraint " + location.locationConstraintAsString());
        HttpResponse<String> rawLocation = RawRequest.of(server, "GET", "/" + bucket + "?location")
                .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
        assertEquals(200, rawLocation.statusCode(), rawLocation::body);
        assertTrue(rawLocation.body().matches("(?s).*<LocationConstraint[^>]*(/>|>\\s*</LocationConstraint>).*"), rawLocation::body);

        ListObjectsV2Response empty = server.s3().listObjectsV2(l -> l.bucket(bucket));
        assertEquals(0, empty.keyCount());
        assertTrue(empty.contents().isEmpty());

        server.s3().deleteBucket(d -> d.bucket(bucket));
        assertFalse(Files.exists(server.volume().resolve(bucket)));
        assertS3Error(404, null, () -> server.s3().headBucket(h -> h.bucket(bucket)));
        assertTrue(bucketNamed(bucket).isEmpty(), "a deleted bucket is not listed");
        assertS3Error(404, "NoSuchBucket", () -> server.s3().deleteBucket(d -> d.bucket(bucket)));
    }

    @Test
    void listBucketsFiltersByPrefixAndPages() throws Exception {
        List<String> names = List.of("bucketit-page-a", "bucketit-page-b", "bucketit-page-c");
        for (String name : names) server.s3().createBucket(b -> b.bucket(name));
        String prefix = "bucketit-page-";

        ListBucketsResponse filtered = server.s3().listBuckets(r -> r.prefix(prefix));
        assertEquals(names, names(filtered));
        assertEquals(prefix, filtered.prefix());
        assertNull(filtered.continuationToken());

        ListBucketsResponse first = server.s3().listBuckets(r -> r.prefix(prefix).maxBuckets(2));
        assertEquals(names.subList(0, 2), names(first));
        assertNotNull(first.continuationToken(), "more buckets follow");
        ListBucketsResponse second = server.s3().listBuckets(r -> r.prefix(prefix).maxBuckets(2)
                .continuationToken(first.continuationToken()));
        assertEquals(names.subList(2, 3), names(second));
        assertNull(second.continuationToken());

        assertEquals(names, server.s3().listBucketsPaginator(r -> r.prefix(prefix).maxBuckets(1)).buckets().stream()
                .map(Bucket::name).toList());
        assertEquals(List.of(), names(server.s3().listBuckets(r -> r.prefix(prefix).bucketRegion("eu-west-1"))));
        assertEquals(names, names(server.s3().listBuckets(r -> r.prefix(prefix).bucketRegion("us-east-1"))));

        for (String query : List.of("max-buckets=0", "max-buckets=10001", "max-buckets=x", "continuation-token=garbage")) {
            HttpResponse<String> response = RawRequest.of(server, "GET", "/?" + query)
                    .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
            assertErrorDocument(response, 400, "InvalidArgument");
        }
    }

    @Test
    void invalidNamesAreInvalidBucketName() throws Exception {
        for (String name : List.of("UPPER", "ab", "a_b", "-ab")) {
            HttpResponse<String> response = RawRequest.of(server, "PUT", "/" + name)
                    .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
            assertErrorDocument(response, 400, "InvalidBucketName");
            assertFalse(Files.exists(server.volume().resolve(name)), name + " must not be created");
        }
        // The SDK refuses those names itself, before sending; these it sends, and S3 refuses.
        for (String name : List.of("xn--bucketit", "bucketit-s3alias")) {
            assertS3Error(400, "InvalidBucketName", () -> server.s3().createBucket(b -> b.bucket(name)));
            assertFalse(Files.exists(server.volume().resolve(name)), name + " must not be created");
        }
    }

    @Test
    void createTwiceInUsEast1SucceedsAndChangesNothing() {
        String bucket = "bucketit-twice";
        server.s3().createBucket(b -> b.bucket(bucket));
        server.s3().putObject(p -> p.bucket(bucket).key("keep.txt"), RequestBody.fromString("still here"));

        // S3's us-east-1 (this server's default region) answers 200; other regions 409 BucketAlreadyOwnedByYou.
        assertEquals(200, server.s3().createBucket(b -> b.bucket(bucket)).sdkHttpResponse().statusCode());
        assertEquals("still here", server.s3().getObjectAsBytes(g -> g.bucket(bucket).key("keep.txt")).asUtf8String());
    }

    @Test
    void deleteNonEmptyIsBucketNotEmpty() {
        String bucket = "bucketit-full";
        String key = "deep/down/file.txt";
        server.s3().createBucket(b -> b.bucket(bucket));
        server.s3().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString("content"));

        assertS3Error(409, "BucketNotEmpty", () -> server.s3().deleteBucket(d -> d.bucket(bucket)));
        assertEquals("content", server.s3().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String());

        // A folder as consoles make them: a directory object.
        server.s3().putObject(p -> p.bucket(bucket).key("folder/"), RequestBody.empty());
        assertS3Error(409, "BucketNotEmpty", () -> server.s3().deleteBucket(d -> d.bucket(bucket)));

        // Emptied through S3, the bucket goes: neither the server's own folder nor the
        // directories the keys made stand in the way.
        server.s3().deleteObject(d -> d.bucket(bucket).key(key));
        server.s3().deleteObject(d -> d.bucket(bucket).key("folder/"));
        assertEquals(0, server.s3().listObjectsV2(l -> l.bucket(bucket)).keyCount());
        server.s3().deleteBucket(d -> d.bucket(bucket));
        assertFalse(Files.exists(server.volume().resolve(bucket)));
    }

    @Test
    void missingBucketIsNoSuchBucket() throws Exception {
        String bucket = "bucketit-missing";
        assertS3Error(404, null, () -> server.s3().headBucket(h -> h.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().listObjectsV2(l -> l.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().listObjects(l -> l.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketLocation(g -> g.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getObject(g -> g.bucket(bucket).key("any.txt")));
        assertS3Error(404, "NoSuchBucket",
                () -> server.s3().putObject(p -> p.bucket(bucket).key("any.txt"), RequestBody.fromString("x")));
        assertFalse(Files.exists(server.volume().resolve(bucket)), "a PUT must not create the bucket");

        HttpResponse<String> raw = RawRequest.of(server, "GET", "/" + bucket)
                .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
        assertErrorDocument(raw, 404, "NoSuchBucket");
        assertEquals("/" + bucket, S3Assertions.element(raw.body(), "Resource"));
    }

    @Test
    void directoryMadeInTheVolumeIsABucket() throws Exception {
        String bucket = "bucketit-by-hand";
        Path directory = Files.createDirectory(server.volume().resolve(bucket));
        String notes = "written by another program";
        Files.writeString(directory.resolve("notes.txt"), notes);

        assertTrue(bucketNamed(bucket).isPresent(), "a top-level directory is listed as a bucket");
        server.s3().headBucket(h -> h.bucket(bucket));
        List<S3Object> objects = server.s3().listObjectsV2(l -> l.bucket(bucket)).contents();
        assertEquals(List.of("notes.txt"), objects.stream().map(S3Object::key).toList());
        assertEquals((long) notes.length(), objects.get(0).size());
        assertEquals(notes, server.s3().getObjectAsBytes(g -> g.bucket(bucket).key("notes.txt")).asUtf8String());

        server.s3().putObject(p -> p.bucket(bucket).key("from-s3.txt"), RequestBody.fromString("via S3"));
        assertEquals("via S3", Files.readString(directory.resolve("from-s3.txt")));
    }

    @Test
    void directoryWithAnInvalidBucketNameIsNoBucket() throws Exception {
        String name = "BucketIT_Not_A_Bucket";
        Files.createDirectory(server.volume().resolve(name));
        assertTrue(bucketNamed(name).isEmpty(), "ListBuckets shows only names S3 allows");
        HttpResponse<String> response = RawRequest.of(server, "GET", "/" + name)
                .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
        assertErrorDocument(response, 404, "NoSuchBucket");
    }

    @Test
    void fileInTheVolumeRootIsNotABucket() throws Exception {
        String name = "bucketit-plain-file";
        Path file = Files.writeString(server.volume().resolve(name), "not a bucket", StandardCharsets.UTF_8);

        assertTrue(bucketNamed(name).isEmpty(), "a file is not listed as a bucket");
        assertS3Error(404, null, () -> server.s3().headBucket(h -> h.bucket(name)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().listObjectsV2(l -> l.bucket(name)));
        assertS3Error(404, "NoSuchBucket",
                () -> server.s3().putObject(p -> p.bucket(name).key("inside.txt"), RequestBody.fromString("x")));
        // The name is taken, though not by a bucket of ours.
        assertS3Error(409, "BucketAlreadyExists", () -> server.s3().createBucket(b -> b.bucket(name)));
        assertS3Error(404, "NoSuchBucket", () -> server.s3().deleteBucket(d -> d.bucket(name)));
        assertEquals("not a bucket", Files.readString(file), "the file is untouched");
    }

    @Test
    void theServersOwnFolderIsNoBucket() throws Exception {
        assertTrue(Files.exists(server.volume().resolve(".volumegate/keystore.p12")), "precondition: the keystore is there");
        assertTrue(server.s3().listBuckets().buckets().stream().noneMatch(b -> b.name().contains("volumegate")));
        for (String path : List.of("/.volumegate", "/.volumegate/keystore.p12", "/%2Evolumegate/keystore.p12")) {
            HttpResponse<String> response = RawRequest.of(server, "GET", path)
                    .signed(server.adminAccessKey(), server.adminSecretKey(), Instant.now()).send();
            assertErrorDocument(response, 404, "NoSuchBucket");
        }
    }

    private static List<String> names(ListBucketsResponse response) {
        return response.buckets().stream().map(Bucket::name).toList();
    }

    private Optional<Bucket> bucketNamed(String name) {
        return server.s3().listBuckets().buckets().stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
