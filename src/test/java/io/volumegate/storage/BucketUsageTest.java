package io.volumegate.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bucket's accounted usage: moved by the deltas of writes and deletes, recounted by a walk, held to the quota. */
class BucketUsageTest {
    @TempDir
    Path root;
    Volume volume;
    Bucket bucket;

    @BeforeEach
    void setUp() throws IOException {
        volume = TestVolumes.at(root);
        volume.createBucket("data");
        bucket = volume.bucket("data");
        assertEquals(Usage.ZERO, bucket.countedUsage()); // the first use counts the (empty) bucket
    }

    private StoredObject put(Bucket target, String key, String content, long declaredSize) throws IOException {
        PendingUpload upload = target.beginUpload(key, declaredSize);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        upload.write(bytes, 0, bytes.length);
        return target.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE);
    }

    private StoredObject put(String key, String content) throws IOException {
        return put(bucket, key, content, content.length());
    }

    private Usage usage() throws IOException {
        return bucket.usage().orElseThrow();
    }

    private void quota(Long maxBytes, Long maxObjects) throws IOException {
        bucket.updateSettings(s -> s.withQuota(new BucketQuota(maxBytes, maxObjects)));
    }

    private long tempFiles() throws IOException {
        Path tmp = root.resolve("data/.volumegate/tmp");
        if (!Files.isDirectory(tmp)) return 0;
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    @Test
    void writesAddTheirSizeAndOneObject() throws IOException {
        put("a.txt", "12345");
        put("dir/b.txt", "123");
        assertEquals(new Usage(8, 2), usage());
    }

    @Test
    void anOverwriteMovesUsageByTheDifferenceAndKeepsTheCount() throws IOException {
        put("a.txt", "1234567890");
        put("a.txt", "123");
        assertEquals(new Usage(3, 1), usage());
        put("a.txt", "123456");
        assertEquals(new Usage(6, 1), usage());
    }

    @Test
    void aDeleteFreesWhatTheObjectHeld() throws IOException {
        put("a.txt", "12345");
        put("b.txt", "12");
        bucket.delete("a.txt");
        assertEquals(new Usage(2, 1), usage());
        bucket.delete("a.txt"); // gone already: nothing changes
        assertEquals(new Usage(2, 1), usage());
    }

    @Test
    void folderObjectsHoldNothing() throws IOException {
        put("folder/", "");
        assertEquals(Usage.ZERO, usage());
        assertEquals(Usage.ZERO, bucket.reconcileUsage());
    }

    @Test
    void versionedBucketsCountEveryKeptVersionAndDeleteMarkersHoldNothing() throws IOException {
        bucket.updateSettings(s -> s.withVersioning(Versioning.ENABLED));
        String v1 = put("k", "12345").versionId();
        put("k", "123");
        assertEquals(new Usage(8, 2), usage()); // the noncurrent version is on the disk too
        Deletion marker = bucket.delete("k");
        assertEquals(new Usage(8, 2), usage());
        bucket.deleteVersion("k", v1, false);
        assertEquals(new Usage(3, 1), usage());
        bucket.deleteVersion("k", marker.versionId(), false); // the newest version comes back: same bytes
        assertEquals(new Usage(3, 1), usage());
        assertEquals(usage(), bucket.reconcileUsage()); // the deltas agree with a walk
    }

    @Test
    void aSuspendedBucketReplacesItsNullVersion() throws IOException {
        bucket.updateSettings(s -> s.withVersioning(Versioning.ENABLED));
        put("k", "1234567890");
        bucket.updateSettings(s -> s.withVersioning(Versioning.SUSPENDED));
        put("k", "12345");
        put("k", "12");      // replaces the null version made just before
        assertEquals(new Usage(12, 2), usage());
        assertEquals(usage(), bucket.reconcileUsage());
    }

    @Test
    void aWalkPicksUpFilesOtherProgramsWroteOrRemoved() throws IOException {
        put("ours.txt", "123");
        Files.createDirectories(root.resolve("data/theirs"));
        Files.writeString(root.resolve("data/theirs/file.bin"), "1234567");
        assertEquals(new Usage(3, 1), usage()); // nothing walks per request
        assertEquals(new Usage(10, 2), bucket.reconcileUsage());
        assertEquals(new Usage(10, 2), usage());
        Files.delete(root.resolve("data/ours.txt"));
        assertEquals(new Usage(7, 1), bucket.reconcileUsage());
    }

    @Test
    void aBucketNeverCountedIsCountedAtItsFirstUse() throws IOException {
        volume.createBucket("old");
        Files.writeString(root.resolve("old/a"), "1234");
        Files.createDirectories(root.resolve("old/b"));
        Files.writeString(root.resolve("old/b/c"), "12");
        Bucket old = TestVolumes.at(root).bucket("old");
        assertEquals(new Usage(6, 2), old.countedUsage());
        assertTrue(Files.isRegularFile(root.resolve("old/.volumegate/usage.properties")));
    }

    @Test
    void aWriteOverTheByteQuotaIsRefusedBeforeItsBodyAndLeavesNothing() throws IOException {
        quota(10L, null);
        put("a", "123456");
        StorageException refused = assertThrows(StorageException.class, () -> bucket.beginUpload("b", 5));
        assertEquals(StorageException.Reason.QUOTA_EXCEEDED, refused.reason());
        assertEquals(0, tempFiles());
        assertFalse(Files.exists(root.resolve("data/b")));
        put("b", "1234"); // exactly up to the quota
        assertEquals(new Usage(10, 2), usage());
    }

    @Test
    void anOverwriteIsHeldToTheQuotaOnlyForWhatItAdds() throws IOException {
        quota(10L, 1L);
        put("a", "1234567890");
        put("a", "0987654321"); // replaces: adds neither bytes nor an object
        assertEquals(new Usage(10, 1), usage());
        quota(5L, 1L);           // lowered below what is stored
        put("a", "12");           // shrinking is always allowed
        assertEquals(new Usage(2, 1), usage());
    }

    @Test
    void theObjectQuotaCountsObjects() throws IOException {
        quota(null, 2L);
        put("a", "1");
        put("b", "2");
        StorageException refused = assertThrows(StorageException.class, () -> bucket.beginUpload("c", 1));
        assertEquals(StorageException.Reason.QUOTA_EXCEEDED, refused.reason());
        bucket.delete("a");
        put("c", "3");
        assertEquals(new Usage(2, 2), usage());
    }

    @Test
    void aBodyOfUnknownSizeIsHeldToTheQuotaAtItsCommitWithItsRealSize() throws IOException {
        quota(10L, null);
        put("a", "123456");
        PendingUpload upload = bucket.beginUpload("b", -1); // 6 < 10: may start
        byte[] body = "12345".getBytes(StandardCharsets.UTF_8);
        upload.write(body, 0, body.length);
        StorageException refused = assertThrows(StorageException.class,
                () -> bucket.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE));
        assertEquals(StorageException.Reason.QUOTA_EXCEEDED, refused.reason());
        assertFalse(Files.exists(root.resolve("data/b")));
        assertEquals(0, tempFiles());
        assertEquals(new Usage(6, 1), usage());
        put(bucket, "b", "1234", -1);
        assertEquals(new Usage(10, 2), usage());
        assertThrows(StorageException.class, () -> bucket.beginUpload("c", -1)); // the quota is reached
    }

    @Test
    void writesInFlightReserveTheirShareSoTogetherTheyCannotGoOver() throws IOException {
        quota(10L, null);
        PendingUpload first = bucket.beginUpload("a", 6);
        StorageException refused = assertThrows(StorageException.class, () -> bucket.beginUpload("b", 5));
        assertEquals(StorageException.Reason.QUOTA_EXCEEDED, refused.reason());
        PendingUpload second = bucket.beginUpload("b", 4); // fits beside the first
        first.abort();                                    // gives its share back
        PendingUpload third = bucket.beginUpload("c", 6);
        byte[] body = "1234".getBytes(StandardCharsets.UTF_8);
        second.write(body, 0, body.length);
        bucket.commit(second, ObjectMetadata.builder().build(), WriteCondition.NONE);
        third.write("123456".getBytes(StandardCharsets.UTF_8), 0, 6);
        bucket.commit(third, ObjectMetadata.builder().build(), WriteCondition.NONE);
        assertEquals(new Usage(10, 2), usage());
        assertTrue(bucket.usageRecordForTests().reservations().isEmpty());
    }

    @Test
    void aReservationOnOneNodeHoldsOnEveryNode() throws IOException {
        quota(10L, null);
        Bucket otherNode = TestVolumes.at(root).bucket("data");
        PendingUpload onThisNode = bucket.beginUpload("a", 8);
        StorageException refused = assertThrows(StorageException.class, () -> otherNode.beginUpload("b", 3));
        assertEquals(StorageException.Reason.QUOTA_EXCEEDED, refused.reason());
        onThisNode.abort();
        put(otherNode, "b", "123", 3);
        assertEquals(new Usage(3, 1), usage());
    }

    @Test
    void partsAndCompletesAreCheckedWithoutReserving() throws IOException {
        quota(10L, null);
        put("a", "123456");
        StorageException refused = assertThrows(StorageException.class, () -> bucket.requireQuota("b", 5));
        assertEquals(StorageException.Reason.QUOTA_EXCEEDED, refused.reason());
        bucket.requireQuota("b", 4);
        assertTrue(bucket.usageRecordForTests().reservations().isEmpty());
    }

    @Test
    void writesCheckedAtTheSameTimeNeverTakeTheBucketOver() throws Exception {
        quota(10L, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<Boolean>> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String key = "k" + i;
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    put(key, "123"); // 3 bytes each: three fit, a fourth would not
                    return true;
                } catch (StorageException e) {
                    assertEquals(StorageException.Reason.QUOTA_EXCEEDED, e.reason());
                    return false;
                }
            }));
        }
        start.countDown();
        int written = 0;
        for (java.util.concurrent.Future<Boolean> outcome : outcomes) written += outcome.get() ? 1 : 0;
        pool.shutdown();
        assertEquals(3, written);
        assertEquals(new Usage(9, 3), usage());
        assertEquals(usage(), bucket.reconcileUsage());
        assertEquals(0, tempFiles());
    }

    @Test
    void aWalkEndingAfterItsBucketWasDeletedDoesNotBringItBack() throws IOException {
        volume.deleteBucket("data");
        assertThrows(IOException.class, () -> bucket.reconcileUsage());
        assertFalse(Files.exists(root.resolve("data")));
    }
}
