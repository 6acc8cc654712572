package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A shutdown past its grace period cuts off the uploads still being written: no temp file, no object, a retryable answer. */
class TempFileCutOffTest {
    @TempDir
    Path root;

    @Test
    void anUploadBeingWrittenIsCutOffAndLeavesNothing() throws Exception {
        Bucket bucket = TestBuckets.open(root);
        PendingUpload upload = bucket.beginUpload("a.bin");
        upload.write(new byte[1000], 0, 1000);
        assertTrue(Files.exists(upload.tempFile()));

        assertEquals(1, TempFile.cutOffAll());

        assertFalse(Files.exists(upload.tempFile()), "the temp file is gone");
        StorageException write = assertThrows(StorageException.class, () -> upload.write(new byte[10], 0, 10));
        assertEquals(StorageException.Reason.SHUTTING_DOWN, write.reason(), "the writer hears why, and answers a retryable 503");
        StorageException seal = assertThrows(StorageException.class, upload::seal);
        assertEquals(StorageException.Reason.SHUTTING_DOWN, seal.reason());
        upload.abort(); // what the writer's error path does: harmless
        assertFalse(Files.exists(root.resolve("a.bin")), "no object");
        assertEquals(0, TempFile.cutOffAll(), "each is cut off once");
    }

    @Test
    void aSealedUploadIsLeftToItsCommitAndAnAbortedOneIsForgotten() throws Exception {
        Bucket bucket = TestBuckets.open(root);
        PendingUpload sealed = bucket.beginUpload("sealed.bin");
        sealed.write(new byte[10], 0, 10);
        sealed.seal();
        PendingUpload aborted = bucket.beginUpload("aborted.bin");
        aborted.abort();

        assertEquals(0, TempFile.cutOffAll());
        assertTrue(Files.exists(sealed.tempFile()), "its bytes are durable; the rename that follows takes moments");
        sealed.abort();
    }

    @Test
    void everyFsyncIsCountedAndTimed() throws Exception {
        long files = Fsyncs.files().count();
        long fileNanos = Fsyncs.files().nanos();
        long directories = Fsyncs.directories().count();
        PendingUpload upload = TestBuckets.open(root).beginUpload("a.bin");
        upload.write(new byte[10], 0, 10);
        upload.seal();
        AtomicFiles.write(root.resolve(".volumegate/tmp"), root.resolve("small.txt"), new byte[] {1});

        assertEquals(files + 2, Fsyncs.files().count(), "the upload's data and the small file");
        assertTrue(Fsyncs.files().nanos() > fileNanos);
        assertEquals(directories + 1, Fsyncs.directories().count(), "the small file's directory after its rename");
        upload.abort();
    }
}
