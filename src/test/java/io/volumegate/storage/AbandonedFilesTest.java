package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up sweep of a bucket's reserved folder: temp files of a dead process go at once,
 * those of a living one (this JVM, or another process holding its lease) stay, untagged ones
 * go by age, and stale commit locks go.
 */
class AbandonedFilesTest {
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path bucketRoot;

    @Test
    void tempFilesOfThisProcessStayAndThoseOfADeadOneGo() throws IOException {
        Bucket bucket = TestBuckets.open(bucketRoot);
        PendingUpload mine = bucket.beginUpload("a.txt");
        assertTrue(mine.tempFile().getFileName().toString().endsWith(".w-" + TempOwner.tag() + ".tmp"), mine.tempFile().toString());
        Path tmp = mine.tempFile().getParent();
        Path dead = Files.createFile(tmp.resolve("x.w-0123456789abcdef.tmp")); // no lease: its owner is gone
        Path part = Files.createDirectories(reserved().resolve("uploads/some-upload")).resolve("part-00001.y.w-0123456789abcdef.tmp");
        Files.createFile(part);

        assertEquals(2, bucket.sweepAbandonedUploads(DAY));

        assertTrue(Files.exists(mine.tempFile()), "a write in flight of this process");
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(part));
        mine.abort();
    }

    @Test
    void aTempFileWhoseOwnerHoldsItsLeaseStaysUntilTheOwnerIsGone() throws Exception {
        Bucket bucket = TestBuckets.open(bucketRoot);
        Path lease = Files.createDirectories(reserved().resolve(TempOwner.LEASES)).resolve("fedcba9876543210");
        Files.createFile(lease);
        Path theirs = Files.createDirectories(reserved().resolve("tmp")).resolve("z.w-fedcba9876543210.tmp");
        Files.createFile(theirs);

        try (ForeignLock alive = ForeignLock.posix(lease)) {
            assertEquals(0, bucket.sweepAbandonedUploads(DAY));
            assertTrue(Files.exists(theirs), "another node, alive, may be streaming into it");
        }
        Files.setLastModifiedTime(lease, FileTime.from(Instant.now().minus(Duration.ofMinutes(2))));
        assertEquals(1, bucket.sweepAbandonedUploads(DAY));
        assertFalse(Files.exists(theirs), "its process is gone, and so is its lock");
        assertFalse(Files.exists(lease), "the dead lease goes too");
    }

    @Test
    void untaggedTempFilesGoByAgeAndStaleLocksGo() throws IOException {
        Bucket bucket = TestBuckets.open(bucketRoot);
        Path tmp = Files.createDirectories(reserved().resolve("tmp"));
        Path young = Files.createFile(tmp.resolve("young"));
        Path old = Files.createFile(tmp.resolve("old"));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path locks = Files.createDirectories(reserved().resolve("locks"));
        Path held = Files.createFile(locks.resolve("held"));
        Path stale = Files.createFile(locks.resolve("stale"));
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));

        assertEquals(2, bucket.sweepAbandonedUploads(DAY));

        assertEquals(List.of(held, young), remaining(locks, tmp));
    }

    @Test
    void aCommitLockOfADeadProcessIsBrokenAtOnceAndOneOfOursIsNot() throws IOException {
        Bucket bucket = TestBuckets.open(bucketRoot);
        Path locks = Files.createDirectories(reserved().resolve("locks"));
        Path dead = Files.writeString(locks.resolve("dead"), "0123456789abcdef"); // a tag without a lease

        try (LockFile mine = LockFile.acquire(locks.resolve("mine"), Duration.ofSeconds(1));
             LockFile taken = LockFile.acquire(dead, Duration.ofSeconds(5))) {
            assertEquals(TempOwner.tag(), Files.readString(locks.resolve("mine")), "a lock names its owner");
            assertEquals(0, bucket.sweepAbandonedUploads(DAY), "both are held by this process now");
        }
        Files.writeString(dead, "0123456789abcdef");
        assertEquals(1, bucket.sweepAbandonedUploads(DAY));
        assertFalse(Files.exists(dead));
    }

    private Path reserved() {
        return bucketRoot.resolve(ObjectKeys.RESERVED);
    }

    private static List<Path> remaining(Path... dirs) throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(all::add);
            }
        }
        return all;
    }
}
