package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EROFS is a storage reason of its own, READ_ONLY, however it arrives. CreateBucket on a
 * volume root remounted read-only (a tmpfs; needs root, skipped elsewhere): the volume root
 * cannot be swapped under the shared IT server, so this is where a read-only volume root is
 * tried, and a bucket first opened on a read-only volume (after a restart) still reads;
 * ReadOnlyVolumeIT tries every object write on a read-only bucket directory.
 */
class ReadOnlyVolumeTest {
    @TempDir
    Path dir;

    @Test
    void eroFsIsReadOnlyHoweverItIsWrapped() {
        FileSystemException erofs = new FileSystemException("/v/b/k", null, "Read-only file system");
        for (Throwable failure : new Throwable[] {erofs, new CompletionException(erofs), new UncheckedIOException(erofs)}) {
            StorageException storage = StorageException.classify(failure).orElseThrow();
            assertEquals(StorageException.Reason.READ_ONLY, storage.reason());
            assertEquals("The volume is read-only on this server.", storage.getMessage());
        }
    }

    @Test
    void createBucketOnAReadOnlyVolumeIsReadOnlyAndReadsGoOn() throws Exception {
        Path root = dir.resolve("volume");
        try (Tmpfs tmpfs = Tmpfs.mount(root, "4m")) {
            Volume volume = TestVolumes.at(root);
            volume.createBucket("before");
            Files.writeString(root.resolve("before/a.txt"), "hello");
            tmpfs.readOnly();
            IOException refused = assertThrows(IOException.class, () -> volume.createBucket("after"));
            assertEquals(StorageException.Reason.READ_ONLY, StorageException.classify(refused).orElseThrow().reason(), refused::toString);
            assertTrue(Files.notExists(root.resolve("after")));
            assertEquals("before", volume.describe("before").name(), "reads go on");
            // As after a restart: the bucket is opened (its metadata store chosen) on the read-only volume.
            Bucket opened = TestVolumes.at(root).bucket("before");
            assertEquals(5, opened.stat("a.txt").size());
            assertEquals(1, opened.list(ListQuery.all(10)).objects().size());
        }
    }
}
