package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A file another process holds a POSIX write lock on is neither replaced nor deleted; reads go on. */
class OtherWritersTest {
    @TempDir
    Path root;

    @Test
    void aLockedFileIsNotReplacedNorDeletedButStillRead() throws Exception {
        Bucket bucket = TestBuckets.at("data", root);
        Path file = Files.writeString(root.resolve("report.txt"), "being written by another program");
        try (ForeignLock lock = ForeignLock.posix(file)) {
            PendingUpload upload = staged(bucket, "report.txt", "ours");
            assertLocked(() -> bucket.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE));
            assertLocked(() -> bucket.delete("report.txt"));
            assertEquals("being written by another program", Files.readString(file));
            try (OpenedObject read = bucket.open("report.txt")) {
                assertEquals(32, read.object().size(), "reads are not blocked");
            }
            try (var temps = Files.list(root.resolve(".volumegate/tmp"))) {
                assertEquals(0, temps.count(), "the refused upload's temp file is gone");
            }
        }
        PendingUpload upload = staged(bucket, "report.txt", "ours");
        bucket.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE);
        assertEquals("ours", Files.readString(file), "once the lock is let go, the write goes through");
    }

    @Test
    void aVersionedBucketRefusesToo() throws Exception {
        Bucket bucket = TestBuckets.at("data", root);
        bucket.updateSettings(settings -> settings.withVersioning(Versioning.ENABLED));
        PendingUpload first = staged(bucket, "v.txt", "one");
        bucket.commit(first, ObjectMetadata.builder().build(), WriteCondition.NONE);
        try (ForeignLock lock = ForeignLock.posix(root.resolve("v.txt"))) {
            PendingUpload second = staged(bucket, "v.txt", "two");
            assertLocked(() -> bucket.commit(second, ObjectMetadata.builder().build(), WriteCondition.NONE));
            assertLocked(() -> bucket.delete("v.txt"));
        }
        assertEquals("one", Files.readString(root.resolve("v.txt")));
        assertEquals(1, bucket.listVersions(new VersionQuery("", "", "", "", 1000)).versions().size(), "no version or marker was added");
    }

    @Test
    void flockLocksAreNotSeen() throws Exception {
        Bucket bucket = TestBuckets.at("data", root);
        Path file = Files.writeString(root.resolve("flocked.txt"), "old");
        try (ForeignLock lock = ForeignLock.flock(file)) {
            bucket.commit(staged(bucket, "flocked.txt", "new"), ObjectMetadata.builder().build(), WriteCondition.NONE);
        }
        assertEquals("new", Files.readString(file), "flock(2) is another lock family: documented as not seen");
    }

    /** An upload of {@code text} to {@code key}, written and not yet committed. */
    private static PendingUpload staged(Bucket bucket, String key, String text) throws IOException {
        PendingUpload upload = bucket.beginUpload(key);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        upload.write(bytes, 0, bytes.length);
        return upload;
    }

    private static void assertLocked(org.junit.jupiter.api.function.Executable write) {
        StorageException e = assertThrows(StorageException.class, write);
        assertEquals(StorageException.Reason.FILE_LOCKED, e.reason());
    }
}
