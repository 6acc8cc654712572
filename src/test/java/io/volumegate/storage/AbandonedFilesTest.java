package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up sweep of a bucket's reserved folder: temp files and commit locks of a dead
 * process go at once, those of a living one (this JVM, another process on this host) stay, and
 * those whose owner cannot be judged (another host's, untagged) go by age.
 */
class AbandonedFilesTest {
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path bucketRoot;

    @Test
    void tempFilesOfThisProcessStayAndThoseOfADeadOneGo() throws Exception {
        Bucket bucket = TestBuckets.open(bucketRoot);
        PendingUpload mine = bucket.beginUpload("a.txt");
        assertTrue(mine.tempFile().getFileName().toString().endsWith(".w-" + TempOwner.tag() + ".tmp"), mine.tempFile().toString());
        String deadTag = deadProcessTag();
        Path dead = Files.createFile(mine.tempFile().getParent().resolve("x.w-" + deadTag + ".tmp"));
        Path part = Files.createDirectories(reserved().resolve("uploads/some-upload")).resolve("part-00001.y.w-" + deadTag + ".tmp");
        Files.createFile(part);

        assertEquals(2, bucket.sweepAbandonedUploads(DAY));

        assertTrue(Files.exists(mine.tempFile()), "a write in flight of this process");
        assertFalse(Files.exists(dead));
        assertFalse(Files.exists(part));
        mine.abort();
    }

    @Test
    void aTempFileOfAnotherLivingProcessStaysUntilItIsGone() throws Exception {
        Bucket bucket = TestBuckets.open(bucketRoot);
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Path theirs = Files.createDirectories(reserved().resolve("tmp")).resolve("z.w-" + TempOwner.tagOf(other.toHandle()) + ".tmp");
            Files.createFile(theirs);
            assertEquals(0, bucket.sweepAbandonedUploads(DAY));
            assertTrue(Files.exists(theirs), "another node on this host, alive, may be streaming into it");

            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertEquals(1, bucket.sweepAbandonedUploads(DAY));
            assertFalse(Files.exists(theirs), "its process is gone");
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void anotherHostsAndUntaggedTempFilesGoByAgeAndStaleLocksGo() throws IOException {
        Bucket bucket = TestBuckets.open(bucketRoot);
        Path tmp = Files.createDirectories(reserved().resolve("tmp"));
        String otherHost = (TempOwner.tag().startsWith("0") ? "1" : "0") + "0000000-1-1";
        Path young = Files.createFile(tmp.resolve("young.w-" + otherHost + ".tmp"));
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
    void aCommitLockOfADeadProcessIsBrokenAtOnceAndOneOfOursIsNot() throws Exception {
        Bucket bucket = TestBuckets.open(bucketRoot);
        Path locks = Files.createDirectories(reserved().resolve("locks"));
        Path dead = Files.writeString(locks.resolve("dead"), deadProcessTag());

        try (LockFile mine = LockFile.acquire(locks.resolve("mine"), Duration.ofSeconds(1));
             LockFile taken = LockFile.acquire(dead, Duration.ofSeconds(5))) {
            assertEquals(TempOwner.tag(), Files.readString(locks.resolve("mine")), "a lock names its owner");
            assertEquals(0, bucket.sweepAbandonedUploads(DAY), "both are held by this process now");
        }
        Files.writeString(dead, deadProcessTag());
        assertEquals(1, bucket.sweepAbandonedUploads(DAY));
        assertFalse(Files.exists(dead));
    }

    /** The tag of a process of this host that has ended. */
    private static String deadProcessTag() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        String tag = TempOwner.tagOf(ended.toHandle());
        ended.waitFor(10, TimeUnit.SECONDS);
        assertEquals(TempOwner.Owner.DEAD, TempOwner.ownerOf(tag));
        return tag;
    }

    private Path reserved() {
        return bucketRoot.resolve(ObjectKeys.RESERVED);
    }

    private static List<Path> remaining(Path... dirs) throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.sorted().forEach(all::add);
            }
        }
        return all;
    }
}
