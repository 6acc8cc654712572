package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectorySnapshotsTest {
    @TempDir
    Path temp;

    private static List<String> names(DirectorySnapshot snapshot) {
        return snapshot.entries().stream().map(DirectoryEntry::sortName).toList();
    }

    private static List<String> keys(ListPage page) {
        return page.objects().stream().map(ListedObject::key).toList();
    }

    @Test
    void snapshotIsSortedInKeyOrderWithTypes() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b")).file("a0").file("a.b").file("a/x");
        DirectorySnapshot snapshot = bucket.snapshots.snapshot(bucket.root);
        assertEquals(List.of("a.b", "a/", "a0"), names(snapshot));
        assertTrue(snapshot.get(1).isDirectory());
        assertEquals(3, snapshot.get(0).size());
    }

    @Test
    void secondPageReusesTheSnapshot() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b"));
        for (int i = 0; i < 10; i++) bucket.file("f" + i);
        bucket.age();
        ListPage first = bucket.list(ListQuery.all(3));
        ListPage second = bucket.list(ListQuery.all(3).resumeAfter(first.lastReturned()));
        assertEquals(List.of("f3", "f4", "f5"), keys(second));
        assertEquals(1, bucket.snapshots.directoryReads());
        assertSame(bucket.snapshots.snapshot(bucket.root), bucket.snapshots.snapshot(bucket.root));
    }

    @Test
    void changedMtimeIsNoticedWithoutInvalidation() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b")).file("a").age();
        bucket.list(ListQuery.all(10));
        bucket.file("b");
        Files.setLastModifiedTime(bucket.root, FileTime.from(Instant.now().minusSeconds(30))); // a different, old mtime
        assertEquals(List.of("a", "b"), keys(bucket.list(ListQuery.all(10))));
        assertEquals(2, bucket.snapshots.directoryReads());
    }

    @Test
    void invalidateCatchesAChangeTheMtimeDoesNotShow() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b")).file("a").age();
        FileTime aged = Files.getLastModifiedTime(bucket.root);
        assertEquals(List.of("a"), keys(bucket.list(ListQuery.all(10))));
        // A change whose mtime the reader cannot see (same tick, or an NFS attribute cache).
        bucket.file("b");
        Files.setLastModifiedTime(bucket.root, aged);
        assertEquals(List.of("a"), keys(bucket.list(ListQuery.all(10))), "stale: why writers must invalidate");
        bucket.snapshots.invalidate(bucket.root.resolve("x/..")); // any spelling of the same path
        assertEquals(List.of("a", "b"), keys(bucket.list(ListQuery.all(10))));
        assertEquals(2, bucket.snapshots.directoryReads());
    }

    @Test
    void snapshotTakenWithinTheRacyWindowIsNotReused() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("d"));
        Files.writeString(dir.resolve("x"), "x");
        Instant mtime = Files.getLastModifiedTime(dir).toInstant();
        AtomicReference<Instant> now = new AtomicReference<>(mtime.plusMillis(1500));
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        DirectorySnapshots snapshots = new DirectorySnapshots(1000, Duration.ofSeconds(2), clock);
        snapshots.snapshot(dir);
        snapshots.snapshot(dir);
        assertEquals(2, snapshots.directoryReads(), "read 1.5 s after the mtime: a same-tick change could hide");
        assertEquals(0, snapshots.cachedDirectories());
        now.set(mtime.plusMillis(2500));
        snapshots.snapshot(dir);
        snapshots.snapshot(dir);
        assertEquals(3, snapshots.directoryReads());
    }

    @Test
    void sizesAndTimesAreFreshWhenTheSnapshotIsReused() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b")).file("k", "1").age();
        assertEquals(1, bucket.list(ListQuery.all(10)).objects().get(0).size());
        Files.writeString(bucket.path("k"), "12345"); // overwrite in place: the directory is unchanged
        FileTime written = FileTime.from(Instant.now().minusSeconds(5));
        Files.setLastModifiedTime(bucket.path("k"), written);
        ListedObject object = bucket.list(ListQuery.all(10)).objects().get(0);
        assertEquals(5, object.size());
        assertEquals(written, object.lastModified());
        assertEquals(1, bucket.snapshots.directoryReads());
    }

    @Test
    void vanishedFilesAreSkippedAndDoNotCountAsLookahead() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b")).file("a").file("b").file("c").age();
        FileTime aged = Files.getLastModifiedTime(bucket.root);
        bucket.list(ListQuery.all(10));
        Files.delete(bucket.path("b"));
        Files.delete(bucket.path("c"));
        Files.setLastModifiedTime(bucket.root, aged); // the snapshot still names b and c
        ListPage page = bucket.list(ListQuery.all(1));
        assertEquals(List.of("a"), keys(page));
        assertEquals(false, page.truncated());
        assertEquals(1, bucket.snapshots.directoryReads());
    }

    @Test
    void vanishedDirectoryIsSkipped() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b")).file("a/x").file("b").age();
        FileTime aged = Files.getLastModifiedTime(bucket.root);
        bucket.snapshots.snapshot(bucket.root);
        Files.delete(bucket.path("a/x"));
        Files.delete(bucket.path("a"));
        Files.setLastModifiedTime(bucket.root, aged);
        assertEquals(List.of("b"), keys(bucket.list(ListQuery.all(10))));
    }

    @Test
    void boundedByTotalEntriesLeastRecentlyUsedFirst() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("b"), 10);
        for (String dir : List.of("d1", "d2", "d3")) {
            for (int i = 0; i < 4; i++) bucket.file(dir + "/f" + i);
        }
        for (int i = 0; i < 11; i++) bucket.file("big/f" + i);
        bucket.age();
        DirectorySnapshots snapshots = bucket.snapshots;
        snapshots.snapshot(bucket.path("d1"));
        snapshots.snapshot(bucket.path("d2"));
        snapshots.snapshot(bucket.path("d1")); // d2 is now the least recently used
        snapshots.snapshot(bucket.path("d3"));
        assertEquals(2, snapshots.cachedDirectories());
        assertEquals(8, snapshots.cachedEntries());
        long reads = snapshots.directoryReads();
        snapshots.snapshot(bucket.path("d1"));
        assertEquals(reads, snapshots.directoryReads(), "d1 kept");
        snapshots.snapshot(bucket.path("d2"));
        assertEquals(reads + 1, snapshots.directoryReads(), "d2 evicted");
        snapshots.snapshot(bucket.path("big"));
        snapshots.snapshot(bucket.path("big"));
        assertEquals(reads + 3, snapshots.directoryReads(), "larger than the bound: never cached");
        assertTrue(snapshots.cachedEntries() <= 10);
    }

    @Test
    void missingDirectoryIsAnError() {
        DirectorySnapshots snapshots = new DirectorySnapshots();
        assertThrows(java.nio.file.NoSuchFileException.class, () -> snapshots.snapshot(temp.resolve("none")));
    }

    @Test
    void concurrentListingsAgreeAndShareReads() throws Exception {
        TestBucket bucket = new TestBucket(temp.resolve("b"));
        for (int i = 0; i < 2000; i++) bucket.file(String.format("d/f%04d", i));
        bucket.age();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> TestBucket.results(bucket.pages(new ListQuery("d/", "", "", 250))));
            }
            List<String> first = null;
            for (Future<List<String>> result : pool.invokeAll(tasks)) {
                if (first == null) first = result.get();
                assertEquals(first, result.get());
            }
            assertEquals(2000, first.size());
            assertTrue(bucket.readsOf("d/") <= threads, "at most one read per thread, usually one in all");
        } finally {
            pool.shutdownNow();
        }
    }
}
