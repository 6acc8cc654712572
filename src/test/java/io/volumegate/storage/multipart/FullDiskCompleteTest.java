package io.volumegate.storage.multipart;

import io.volumegate.storage.StorageException;
import io.volumegate.storage.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A Complete that runs out of space while it assembles (the S3 layer's size check passed, then
 * the disk filled): NO_SPACE, no temp file left, the previous object and every staged part as
 * they were, so the same Complete succeeds once there is room. On a 3 MiB tmpfs; needs root.
 */
class FullDiskCompleteTest {
    @TempDir
    Path temp;

    @Test
    void aCompleteThatRunsOutOfSpaceLeavesThePartsAndThePreviousObject() throws Exception {
        Path root = temp.resolve("bucket");
        try (Tmpfs tmpfs = Tmpfs.mount(root, "3m")) {
            StagingFixture fixture = new StagingFixture(root);
            Files.writeString(root.resolve("big.bin"), "the previous object");
            UploadManifest upload = fixture.create("big.bin");
            byte[] part = new byte[2 * StagingFixture.MIB];
            Arrays.fill(part, (byte) 7);
            List<PartRecord> parts = List.of(fixture.stage(upload, 1, part)); // the last part may be of any size
            List<String> staged = fixture.stagedFiles();

            Exception full = assertThrows(Exception.class, () -> fixture.complete(upload, parts));
            assertEquals(StorageException.Reason.NO_SPACE, StorageException.classify(full).orElseThrow().reason(), full::toString);
            assertEquals(List.of(), fixture.tempFiles(), "the half-assembled object is removed");
            assertEquals(staged, fixture.stagedFiles(), "every part and record is still there");
            assertEquals("the previous object", Files.readString(root.resolve("big.bin")));

            tmpfs.resize("8m");
            fixture.complete(upload, parts);
            assertArrayEquals(part, Files.readAllBytes(root.resolve("big.bin")));
        }
    }
}
