package io.volumegate.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Versions over files: the latest version is the plain file, older ones and markers live in the history. */
class BucketVersioningTest {
    @TempDir
    Path root;
    Volume volume;
    Bucket bucket;

    @BeforeEach
    void setUp() throws IOException {
        volume = TestVolumes.at(root);
        volume.createBucket("data");
        bucket = volume.bucket("data");
    }

    private void enable() throws IOException {
        bucket.updateSettings(s -> s.withVersioning(Versioning.ENABLED));
    }

    private void suspend() throws IOException {
        bucket.updateSettings(s -> s.withVersioning(Versioning.SUSPENDED));
    }

    private StoredObject put(Bucket target, String key, String content) throws IOException {
        PendingUpload upload = target.beginUpload(key);
        write(upload, content);
        return target.commit(upload, ObjectMetadata.builder().md5Hex(null).build(), WriteCondition.NONE);
    }

    private static void write(PendingUpload upload, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        upload.write(bytes, 0, bytes.length);
    }

    private StoredObject put(String key, String content) throws IOException {
        return put(bucket, key, content);
    }

    private String read(String key, String versionId) throws IOException {
        try (OpenedObject opened = versionId == null ? bucket.open(key) : bucket.open(key, versionId)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) opened.object().size());
            while (buffer.hasRemaining() && opened.channel().read(buffer) > 0) { /* fill */ }
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    private List<ListedVersion> versions() throws IOException {
        return bucket.listVersions(new VersionQuery("", "", "", "", 1000)).versions();
    }

    private String plain(String key) throws IOException {
        return Files.readString(root.resolve("data").resolve(key));
    }

    @Test
    void everyWriteMakesAVersionAndTheLatestIsThePlainFile() throws IOException {
        enable();
        String v1 = put("a/k.txt", "one").versionId();
        String v2 = put("a/k.txt", "two").versionId();
        String v3 = put("a/k.txt", "three").versionId();
        assertTrue(VersionIds.isWellFormed(v1) && !v1.equals(VersionIds.NULL));
        assertEquals(3, Stream.of(v1, v2, v3).distinct().count());
        assertEquals("three", plain("a/k.txt"), "other programs read the latest version as a plain file");
        assertEquals(List.of(v3, v2, v1), versions().stream().map(ListedVersion::versionId).toList(), "newest first");
        assertEquals(List.of(true, false, false), versions().stream().map(ListedVersion::latest).toList());
        assertEquals("one", read("a/k.txt", v1));
        assertEquals("two", read("a/k.txt", v2));
        assertEquals("three", read("a/k.txt", v3));
        assertEquals(v2, bucket.stat("a/k.txt", v2).versionId());
        assertEquals(List.of("a/k.txt"), bucket.list(ListQuery.all(10)).objects().stream().map(ListedObject::key).toList(),
                "older versions are never listed as objects");
    }

    @Test
    void aDeleteAddsAMarkerAndDeletingTheMarkerBringsTheObjectBack() throws IOException {
        enable();
        String v1 = put("k", "one").versionId();
        Deletion deletion = bucket.delete("k");
        assertTrue(deletion.deleteMarker());
        assertFalse(Files.exists(root.resolve("data/k")), "the key is gone from the folder");
        StorageException missing = assertThrows(StorageException.class, () -> bucket.stat("k"));
        assertEquals(StorageException.Reason.NO_SUCH_KEY, missing.reason());
        assertEquals(deletion.versionId(), missing.facts().get(StorageException.DELETE_MARKER_VERSION_ID));
        StorageException marker = assertThrows(StorageException.class, () -> bucket.stat("k", deletion.versionId()));
        assertEquals(StorageException.Reason.VERSION_IS_DELETE_MARKER, marker.reason());

        List<ListedVersion> listed = versions();
        assertEquals(2, listed.size());
        assertTrue(listed.get(0).deleteMarker() && listed.get(0).latest());
        assertEquals(v1, listed.get(1).versionId());
        assertFalse(listed.get(1).latest());

        Deletion removed = bucket.deleteVersion("k", deletion.versionId(), false);
        assertTrue(removed.deleteMarker());
        assertEquals("one", plain("k"), "the newest version is the object again");
        assertEquals(v1, bucket.stat("k").versionId());
        assertEquals(1, versions().size());
    }

    @Test
    void deletingTheCurrentVersionMakesThePreviousOneCurrent() throws IOException {
        enable();
        String v1 = put("k", "one").versionId();
        String v2 = put("k", "two").versionId();
        bucket.deleteVersion("k", v2, false);
        assertEquals("one", plain("k"));
        assertEquals(v1, bucket.stat("k").versionId());
        bucket.deleteVersion("k", v1, false);
        assertFalse(Files.exists(root.resolve("data/k")));
        assertTrue(versions().isEmpty());
        assertTrue(bucket.isEmpty(), "nothing of the key is left");
        assertFalse(Files.exists(root.resolve("data/.volumegate/versions/k")), "its history folder is gone too");
    }

    @Test
    void anOlderVersionIsRemovedForGoodAndTheObjectStays() throws IOException {
        enable();
        String v1 = put("k", "one").versionId();
        put("k", "two");
        assertEquals(new Deletion(v1, false), bucket.deleteVersion("k", v1, false));
        assertEquals("two", plain("k"));
        assertEquals(1, versions().size());
        StorageException gone = assertThrows(StorageException.class, () -> bucket.stat("k", v1));
        assertEquals(StorageException.Reason.NO_SUCH_VERSION, gone.reason());
    }

    @Test
    void objectsFromBeforeVersioningAreTheNullVersion() throws IOException {
        put("k", "before");
        assertNull(bucket.stat("k").versionId(), "an unversioned bucket names no version");
        enable();
        String v1 = put("k", "after").versionId();
        assertEquals("before", read("k", VersionIds.NULL));
        assertEquals(List.of(v1, VersionIds.NULL), versions().stream().map(ListedVersion::versionId).toList());
    }

    @Test
    void suspendedWritesReplaceTheNullVersionAndKeepTheOthers() throws IOException {
        enable();
        String v1 = put("k", "one").versionId();
        suspend();
        assertEquals(VersionIds.NULL, put("k", "two").versionId());
        assertEquals(VersionIds.NULL, put("k", "three").versionId());
        assertEquals(List.of(VersionIds.NULL, v1), versions().stream().map(ListedVersion::versionId).toList());
        assertEquals("three", plain("k"));
        Deletion deletion = bucket.delete("k");
        assertEquals(new Deletion(VersionIds.NULL, true), deletion, "a suspended bucket's marker is the null version");
        List<ListedVersion> listed = versions();
        assertEquals(2, listed.size(), "the null version was replaced by the marker: " + listed);
        assertTrue(listed.get(0).deleteMarker());
        assertEquals(v1, listed.get(1).versionId());
    }

    @Test
    void aFileAnotherProgramDeletesShowsItsVersionsWithNoneLatest() throws IOException {
        enable();
        put("k", "one");
        put("k", "two");
        Files.delete(root.resolve("data/k"));
        List<ListedVersion> listed = versions();
        assertEquals(1, listed.size());
        assertFalse(listed.get(0).latest(), "no marker says it is deleted, and no object is there");
        StorageException missing = assertThrows(StorageException.class, () -> bucket.stat("k"));
        assertNull(missing.facts().get(StorageException.DELETE_MARKER_VERSION_ID));
    }

    @Test
    void aFileAnotherProgramWritesIsTheLatestVersionAndTheNextWriteKeepsIt() throws IOException {
        enable();
        String v1 = put("k", "one").versionId();
        Files.writeString(root.resolve("data/k.tmp"), "foreign");
        Files.move(root.resolve("data/k.tmp"), root.resolve("data/k"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(List.of(VersionIds.NULL), versions().stream().filter(ListedVersion::latest).map(ListedVersion::versionId).toList());
        String v3 = put("k", "three").versionId();
        assertEquals(List.of(v3, VersionIds.NULL), versions().stream().map(ListedVersion::versionId).toList(),
                "the replaced file " + v1 + " is gone; the foreign one became the null version");
        assertEquals("foreign", read("k", VersionIds.NULL));
    }

    @Test
    void aHalfMadeEntryIsNeitherListedNorKept() throws IOException {
        enable();
        String v1 = put("k", "one").versionId();
        // A crash right after linking the object into its history, before the new file took its place:
        KeyHistory history = bucket.historyOf("k");
        history.keep(root.resolve("data/k"), v1, history.entries());
        assertEquals(List.of(v1), versions().stream().map(ListedVersion::versionId).toList(), "listed once");
        String v2 = put("k", "two").versionId();
        assertEquals(List.of(v2, v1), versions().stream().map(ListedVersion::versionId).toList());
        assertEquals(1, history.entries().size(), "the write healed the half-made entry");
    }

    @Test
    void twoNodesWritingTheSameKeyBothEndUpAsVersionsInCommitOrder() throws IOException {
        enable();
        Bucket other = TestVolumes.at(root).bucket("data");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 6; i++) written.add(0, put(i % 2 == 0 ? bucket : other, "k", "v" + i).versionId());
        assertEquals(written, versions().stream().map(ListedVersion::versionId).toList());
        assertEquals("v5", plain("k"));
    }

    @Test
    void concurrentWritersEachHearOfTheirOwnVersion() throws Exception {
        enable();
        Bucket other = TestVolumes.at(root).bucket("data");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<List<String>>> writers = new ArrayList<>();
            for (Bucket node : List.of(bucket, other)) {
                writers.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        StoredObject written = put(node, "k", node.hashCode() + "-" + i);
                        assertEquals(node.hashCode() + "-" + i, read("k", written.versionId()), "the id names these bytes");
                        ids.add(written.versionId());
                    }
                    return ids;
                }));
            }
            java.util.Set<String> acknowledged = new java.util.HashSet<>();
            for (var writer : writers) acknowledged.addAll(writer.get());
            assertEquals(50, acknowledged.size(), "every writer heard of a version of its own");
            assertEquals(acknowledged, new java.util.HashSet<>(versions().stream().map(ListedVersion::versionId).toList()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pagesContinueFromTheirMarkersAndPrefixesRollUp() throws IOException {
        enable();
        for (String key : List.of("a/1", "a/2", "b", "c/d/e")) {
            put(key, "x");
            put(key, "y");
        }
        bucket.delete("b");
        List<ListedVersion> all = versions();
        assertEquals(List.of("a/1", "a/1", "a/2", "a/2", "b", "b", "b", "c/d/e", "c/d/e"), all.stream().map(ListedVersion::key).toList());
        List<ListedVersion> paged = new ArrayList<>();
        String keyMarker = "";
        String versionMarker = "";
        for (int pages = 0; ; pages++) {
            VersionPage page = bucket.listVersions(new VersionQuery("", "", keyMarker, versionMarker, 2));
            paged.addAll(page.versions());
            if (!page.truncated()) break;
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
            assertTrue(pages < 10);
        }
        assertEquals(all, paged);

        VersionPage rolled = bucket.listVersions(new VersionQuery("", "/", "", "", 1000));
        assertEquals(List.of("a/", "c/"), rolled.commonPrefixes());
        assertEquals(List.of("b", "b", "b"), rolled.versions().stream().map(ListedVersion::key).toList());
        VersionPage inside = bucket.listVersions(new VersionQuery("c/", "/", "", "", 1000));
        assertEquals(List.of("c/d/"), inside.commonPrefixes());
        assertEquals(4, bucket.listVersions(new VersionQuery("a/", "", "", "", 1000)).versions().size());
    }

    @Test
    void otherDelimitersRollUpOnlyKeysThatHaveVersions() throws IOException {
        enable();
        put("x-y/inner", "1");
        put("x-y/inner", "2");
        bucket.deleteVersion("x-y/inner", bucket.stat("x-y/inner").versionId(), false); // the history of x-y/inner only
        VersionPage page = bucket.listVersions(new VersionQuery("", "-", "", "", 1000));
        assertEquals(List.of("x-"), page.commonPrefixes(), "x-y/inner still has a version");
        bucket.deleteVersion("x-y/inner", bucket.stat("x-y/inner").versionId(), false);
        assertEquals(List.of(), bucket.listVersions(new VersionQuery("", "-", "", "", 1000)).commonPrefixes());
        assertEquals(List.of(), bucket.listVersions(new VersionQuery("", "/", "", "", 1000)).commonPrefixes());
    }

    @Test
    void aBucketWithVersionsLeftIsNotEmpty() throws IOException {
        enable();
        put("k", "one");
        bucket.delete("k");
        assertFalse(bucket.isEmpty());
        StorageException refused = assertThrows(StorageException.class, () -> volume.deleteBucket("data"));
        assertEquals(StorageException.Reason.BUCKET_NOT_EMPTY, refused.reason());
    }

    @Test
    void versionsWithSidecarMetadataKeepTheirOwn() throws IOException {
        Path other = root.resolve("sidecar");
        Files.createDirectories(other);
        SidecarMetadataStore store = new SidecarMetadataStore(root.resolve("data"));
        Bucket sidecarBucket = new Bucket("data", root.resolve("data"), store, new DirectorySnapshots());
        sidecarBucket.updateSettings(s -> s.withVersioning(Versioning.ENABLED));
        PendingUpload first = sidecarBucket.beginUpload("k");
        write(first, "one");
        String v1 = sidecarBucket.commit(first, ObjectMetadata.builder().contentType("text/one").md5Hex("aa").build(), WriteCondition.NONE).versionId();
        PendingUpload second = sidecarBucket.beginUpload("k");
        write(second, "two");
        sidecarBucket.commit(second, ObjectMetadata.builder().contentType("text/two").md5Hex("bb").build(), WriteCondition.NONE);
        assertEquals("text/one", sidecarBucket.stat("k", v1).metadata().orElseThrow().contentType());
        assertEquals("text/two", sidecarBucket.stat("k").metadata().orElseThrow().contentType());
        assertNotEquals(sidecarBucket.stat("k", v1).etag(), sidecarBucket.stat("k").etag());
    }
}
