package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.MFADelete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 versioning with the AWS SDK for Java v2, checked against the files on the volume: the
 * latest version is the plain file, older versions and delete markers stay out of sight.
 */
class VersioningIT extends ObjectTestBase {

    private Path versionedBucket(String name) {
        Path directory = bucket(name);
        server.s3().putBucketVersioning(b -> b.bucket(name).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        return directory;
    }

    private String putText(String bucket, String key, String text) {
        PutObjectResponse response = server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
        return response.versionId();
    }

    private String getText(String bucket, String key, String versionId) {
        return server.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(versionId)).asUtf8String();
    }

    private List<String> versionIds(String bucket) {
        return server.s3().listObjectVersions(b -> b.bucket(bucket)).versions().stream().map(ObjectVersion::versionId).toList();
    }

    @Test
    void versioningMovesFromUnversionedToEnabledToSuspended() throws Exception {
        String bucket = "versioningit-state";
        bucket(bucket);
        assertNull(server.s3().getBucketVersioning(b -> b.bucket(bucket)).status(), "a new bucket was never versioned");
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)
                .mfaDelete(MFADelete.DISABLED)));
        assertEquals(BucketVersioningStatus.ENABLED, server.s3().getBucketVersioning(b -> b.bucket(bucket)).status());
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertEquals(BucketVersioningStatus.SUSPENDED, server.s3().getBucketVersioning(b -> b.bucket(bucket)).status());

        assertS3Error(403, "AccessDenied", () -> server.s3().putBucketVersioning(b -> b.bucket(bucket)
                .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED).mfaDelete(MFADelete.ENABLED))));
        HttpResponse<byte[]> bad = raw().put("/" + bucket + "?versioning")
                .body("<VersioningConfiguration><Status>Off</Status></VersioningConfiguration>").send();
        assertRawError(400, "IllegalVersioningConfigurationException", bad);
        assertRawError(400, "MalformedXML", raw().put("/" + bucket + "?versioning").body("<Versioning").send());
        assertEquals(BucketVersioningStatus.SUSPENDED, server.s3().getBucketVersioning(b -> b.bucket(bucket)).status(),
                "refused changes change nothing");
        assertS3Error(404, "NoSuchBucket", () -> server.s3().getBucketVersioning(b -> b.bucket("versioningit-none")));
    }

    @Test
    void everyWriteIsAVersionAndTheLatestIsThePlainFile() throws Exception {
        String bucket = "versioningit-writes";
        Path directory = versionedBucket(bucket);
        String v1 = putText(bucket, "doc.txt", "one");
        String v2 = putText(bucket, "doc.txt", "two");
        String v3 = putText(bucket, "doc.txt", "three");
        assertEquals(3, List.of(v1, v2, v3).stream().distinct().count(), "fresh ids: " + v1 + " " + v2 + " " + v3);
        assertEquals("three", Files.readString(directory.resolve("doc.txt")), "other programs see the latest version");
        assertEquals("one", getText(bucket, "doc.txt", v1));
        assertEquals("two", getText(bucket, "doc.txt", v2));
        assertEquals(v2, server.s3().headObject(b -> b.bucket(bucket).key("doc.txt").versionId(v2)).versionId());
        assertEquals(v3, server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("doc.txt")).response().versionId());

        ListObjectVersionsResponse listed = server.s3().listObjectVersions(b -> b.bucket(bucket));
        assertEquals(List.of(v3, v2, v1), listed.versions().stream().map(ObjectVersion::versionId).toList(), "newest first");
        assertEquals(List.of(true, false, false), listed.versions().stream().map(ObjectVersion::isLatest).toList());
        assertEquals(List.of(5L, 3L, 3L), listed.versions().stream().map(ObjectVersion::size).toList());
        assertEquals(List.of("doc.txt"), server.s3().listObjectsV2(b -> b.bucket(bucket)).contents().stream()
                .map(o -> o.key()).toList(), "only the latest version is an object");
        assertEquals(List.of("doc.txt"), listFolder(directory), "older versions stay out of the bucket's folder");
    }

    private static List<String> listFolder(Path directory) throws Exception {
        try (var names = Files.list(directory)) {
            return names.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".volumegate")).sorted().toList();
        }
    }

    @Test
    void aDeleteAddsAMarkerAndRemovingItBringsTheObjectBack() throws Exception {
        String bucket = "versioningit-markers";
        Path directory = versionedBucket(bucket);
        String v1 = putText(bucket, "k.txt", "kept");
        DeleteObjectResponse deleted = server.s3().deleteObject(b -> b.bucket(bucket).key("k.txt"));
        assertTrue(deleted.deleteMarker());
        String marker = deleted.versionId();
        assertNotEquals(v1, marker);
        assertFalse(Files.exists(directory.resolve("k.txt")));

        HttpResponse<byte[]> missing = raw().get("/" + bucket + "/k.txt").send();
        assertRawError(404, "NoSuchKey", missing);
        assertEquals("true", missing.headers().firstValue("x-amz-delete-marker").orElse(null));
        assertEquals(marker, missing.headers().firstValue("x-amz-version-id").orElse(null));
        HttpResponse<byte[]> head = raw().head("/" + bucket + "/k.txt").send();
        assertEquals(404, head.statusCode());
        assertEquals("true", head.headers().firstValue("x-amz-delete-marker").orElse(null));
        HttpResponse<byte[]> ofMarker = raw().get("/" + bucket + "/k.txt?versionId=" + marker).send();
        assertRawError(405, "MethodNotAllowed", ofMarker);
        assertEquals("true", ofMarker.headers().firstValue("x-amz-delete-marker").orElse(null));
        assertEquals("kept", getText(bucket, "k.txt", v1), "the version is still there");

        ListObjectVersionsResponse listed = server.s3().listObjectVersions(b -> b.bucket(bucket));
        DeleteMarkerEntry entry = listed.deleteMarkers().get(0);
        assertEquals(marker, entry.versionId());
        assertTrue(entry.isLatest());
        assertFalse(listed.versions().get(0).isLatest());

        DeleteObjectResponse removed = server.s3().deleteObject(b -> b.bucket(bucket).key("k.txt").versionId(marker));
        assertTrue(removed.deleteMarker());
        assertEquals(marker, removed.versionId());
        assertEquals("kept", Files.readString(directory.resolve("k.txt")), "the object is back as a plain file");
        assertEquals(v1, server.s3().headObject(b -> b.bucket(bucket).key("k.txt")).versionId());
    }

    @Test
    void aVersionDeletedByIdIsGoneForGood() throws Exception {
        String bucket = "versioningit-remove";
        Path directory = versionedBucket(bucket);
        String v1 = putText(bucket, "k", "one");
        String v2 = putText(bucket, "k", "two");
        DeleteObjectResponse current = server.s3().deleteObject(b -> b.bucket(bucket).key("k").versionId(v2));
        assertEquals(v2, current.versionId());
        assertFalse(Boolean.TRUE.equals(current.deleteMarker()));
        assertEquals("one", Files.readString(directory.resolve("k")), "the previous version is the object again");
        assertS3Error(404, "NoSuchVersion", () -> getText(bucket, "k", v2));
        server.s3().deleteObject(b -> b.bucket(bucket).key("k").versionId(v1));
        assertFalse(Files.exists(directory.resolve("k")));
        assertEquals(List.of(), versionIds(bucket));
        server.s3().deleteBucket(b -> b.bucket(bucket));
    }

    @Test
    void unknownAndMalformedVersionIdsAreRefused() {
        String bucket = "versioningit-ids";
        versionedBucket(bucket);
        String v1 = putText(bucket, "k", "one");
        String unknown = v1.substring(1) + (v1.charAt(0) == 'A' ? 'B' : 'A');
        assertS3Error(404, "NoSuchVersion", () -> getText(bucket, "k", unknown));
        assertS3Error(404, "NoSuchVersion", () -> getText(bucket, "missing", unknown));
        assertS3Error(400, "InvalidArgument", () -> getText(bucket, "k", "not-a-version"));
        assertS3Error(400, "InvalidArgument", () -> server.s3().deleteObject(b -> b.bucket(bucket).key("k").versionId("../../etc")));
        assertEquals(204, server.s3().deleteObject(b -> b.bucket(bucket).key("k").versionId(unknown)).sdkHttpResponse().statusCode(),
                "deleting a version that is not there succeeds, as on S3");
        assertEquals("one", getText(bucket, "k", v1));
    }

    @Test
    void suspendedWritesReplaceTheNullVersion() {
        String bucket = "versioningit-suspended";
        bucket(bucket);
        putText(bucket, "k", "before versioning");
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String v1 = putText(bucket, "k", "enabled");
        assertEquals(List.of(v1, "null"), versionIds(bucket), "the object from before is the null version");
        assertEquals("before versioning", getText(bucket, "k", "null"));
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.SUSPENDED)));
        assertNull(putText(bucket, "k", "suspended one"), "S3 names no version for a suspended write");
        putText(bucket, "k", "suspended two");
        assertEquals(List.of("null", v1), versionIds(bucket), "the null version was replaced, the others stay");
        assertEquals("suspended two", getText(bucket, "k", "null"));
        DeleteObjectResponse deleted = server.s3().deleteObject(b -> b.bucket(bucket).key("k"));
        assertEquals("null", deleted.versionId());
        assertTrue(deleted.deleteMarker());
        assertEquals("enabled", getText(bucket, "k", v1));
    }

    @Test
    void copyAndUploadPartCopyTakeASourceVersion() {
        String bucket = "versioningit-copy";
        versionedBucket(bucket);
        String v1 = putText(bucket, "src", "first");
        putText(bucket, "src", "second");
        CopyObjectResponse copied = server.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("dst"));
        assertEquals(v1, copied.copySourceVersionId());
        assertEquals("first", getText(bucket, "dst", copied.versionId()));
        CopyObjectResponse restored = server.s3().copyObject(b -> b.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("src"));
        assertEquals("first", getText(bucket, "src", null), "copying an old version onto its key restores it");
        assertEquals(3, server.s3().listObjectVersions(b -> b.bucket(bucket).prefix("src")).versions().size());

        String upload = server.s3().createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        UploadPartCopyResponse part = server.s3().uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("src").sourceVersionId(v1)
                .destinationBucket(bucket).destinationKey("mp").uploadId(upload).partNumber(1));
        assertEquals(v1, part.copySourceVersionId());
        String mpVersion = server.s3().completeMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(upload)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(part.copyPartResult().eTag()).build()))).versionId();
        assertEquals(mpVersion, server.s3().headObject(b -> b.bucket(bucket).key("mp")).versionId(), "Complete names the version it made");
        assertEquals("first", getText(bucket, "mp", mpVersion));
        assertNotEquals(restored.versionId(), v1);
    }

    @Test
    void deleteObjectsRemovesVersionsAndMakesMarkers() {
        String bucket = "versioningit-bulk";
        versionedBucket(bucket);
        String a1 = putText(bucket, "a", "a1");
        putText(bucket, "a", "a2");
        putText(bucket, "b", "b1");
        DeleteObjectsResponse response = server.s3().deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                ObjectIdentifier.builder().key("a").versionId(a1).build(),
                ObjectIdentifier.builder().key("b").build())));
        assertEquals(List.of(), response.errors());
        DeletedObject a = response.deleted().stream().filter(d -> d.key().equals("a")).findFirst().orElseThrow();
        assertEquals(a1, a.versionId());
        assertFalse(Boolean.TRUE.equals(a.deleteMarker()));
        DeletedObject b = response.deleted().stream().filter(d -> d.key().equals("b")).findFirst().orElseThrow();
        assertTrue(b.deleteMarker());
        assertNotNull(b.deleteMarkerVersionId());
        assertEquals("a2", getText(bucket, "a", null));
        assertS3Error(404, "NoSuchKey", () -> getText(bucket, "b", null));

        // The way cleanup scripts (and the s3-tests suite) empty a versioned bucket:
        ListObjectVersionsResponse all = server.s3().listObjectVersions(l -> l.bucket(bucket));
        List<ObjectIdentifier> everything = new ArrayList<>();
        all.versions().forEach(v -> everything.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
        all.deleteMarkers().forEach(m -> everything.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
        assertEquals(List.of(), server.s3().deleteObjects(d -> d.bucket(bucket).bypassGovernanceRetention(true)
                .delete(x -> x.objects(everything).quiet(true))).errors());
        server.s3().deleteBucket(d -> d.bucket(bucket));
    }

    @Test
    void aBucketHoldingOnlyVersionsIsNotEmpty() {
        String bucket = "versioningit-notempty";
        versionedBucket(bucket);
        putText(bucket, "k", "x");
        server.s3().deleteObject(b -> b.bucket(bucket).key("k"));
        assertS3Error(409, "BucketNotEmpty", () -> server.s3().deleteBucket(b -> b.bucket(bucket)));
    }

    @Test
    void listingsPageThroughManyVersionsFromAnyMarker() {
        String bucket = "versioningit-pages";
        versionedBucket(bucket);
        List<String> expected = new ArrayList<>();
        for (String key : IntStream.range(0, 12).mapToObj(i -> String.format("dir%d/key-%02d", i % 3, i)).sorted().toList()) {
            List<String> ids = new ArrayList<>();
            for (int v = 0; v < 3; v++) ids.add(0, key + "@" + putText(bucket, key, key + v));
            expected.addAll(ids);
        }
        List<String> paged = server.s3().listObjectVersionsPaginator(b -> b.bucket(bucket).maxKeys(7)).stream()
                .flatMap(page -> {
                    assertTrue(page.versions().size() <= 7);
                    return page.versions().stream();
                })
                .map(v -> v.key() + "@" + v.versionId()).toList();
        assertEquals(expected, paged);

        ListObjectVersionsResponse rolled = server.s3().listObjectVersions(b -> b.bucket(bucket).delimiter("/"));
        assertEquals(List.of("dir0/", "dir1/", "dir2/"), rolled.commonPrefixes().stream().map(p -> p.prefix()).toList());
        ListObjectVersionsResponse inside = server.s3().listObjectVersions(b -> b.bucket(bucket).prefix("dir1/").maxKeys(4));
        assertTrue(inside.isTruncated());
        assertEquals(4, inside.versions().size());
        assertEquals(inside.versions().get(3).key(), inside.nextKeyMarker());
        assertEquals(inside.versions().get(3).versionId(), inside.nextVersionIdMarker());
        String encoded = server.s3().listObjectVersions(b -> b.bucket(bucket).prefix("dir1/key-01").encodingType("url"))
                .versions().stream().map(ObjectVersion::key).distinct().collect(Collectors.joining());
        assertEquals("dir1/key-01", encoded);
    }

    @Test
    void filesOtherProgramsWriteAndDeleteAreVersionsToo() throws Exception {
        String bucket = "versioningit-foreign";
        Path directory = versionedBucket(bucket);
        String v1 = putText(bucket, "k", "ours");
        Path replacement = directory.resolve("k.tmp");
        Files.writeString(replacement, "theirs");
        Files.move(replacement, directory.resolve("k"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(List.of("null"), versionIds(bucket), "a file replaced by another program is the null version; "
                + v1 + " was replaced in place of the key and is gone");
        String v3 = putText(bucket, "k", "ours again");
        assertEquals(List.of(v3, "null"), versionIds(bucket));
        assertEquals("theirs", getText(bucket, "k", "null"));

        Files.delete(directory.resolve("k"));
        ListObjectVersionsResponse listed = server.s3().listObjectVersions(b -> b.bucket(bucket));
        assertEquals(List.of(false), listed.versions().stream().map(ObjectVersion::isLatest).toList(),
                "deleted by another program: the old version stays, and no version is the latest");
        HttpResponse<byte[]> missing = raw().get("/" + bucket + "/k").send();
        assertRawError(404, "NoSuchKey", missing);
        assertEquals("false", missing.headers().firstValue("x-amz-delete-marker").orElse(null), "no marker says so");
    }

    @Test
    void unversionedBucketsNameNoVersions() throws Exception {
        String bucket = "versioningit-plain";
        bucket(bucket);
        PutObjectResponse put = server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("x"));
        assertNull(put.versionId());
        assertNull(server.s3().headObject(b -> b.bucket(bucket).key("k")).versionId());
        ListObjectVersionsResponse listed = server.s3().listObjectVersions(b -> b.bucket(bucket));
        assertEquals(List.of("null"), listed.versions().stream().map(ObjectVersion::versionId).toList());
        assertTrue(listed.versions().get(0).isLatest());
        DeleteObjectResponse deleted = server.s3().deleteObject(b -> b.bucket(bucket).key("k"));
        assertNull(deleted.versionId());
        assertFalse(Boolean.TRUE.equals(deleted.deleteMarker()));
        assertEquals(List.of(), listFolder(server.volume().resolve(bucket)), "the file is gone, and no marker was made");
        assertEquals(List.of(), server.s3().listObjectVersions(b -> b.bucket(bucket)).versions());
    }
}
