package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Uploads whose body is a range of a file on the volume (CopyObject, UploadPartCopy). */
class PendingUploadTest {
    @TempDir
    Path root;

    @Test
    void transferFromCopiesExactlyTheRangeAndCommitsLikeAnyUpload() throws IOException {
        Bucket bucket = TestBuckets.at("data", root);
        Path source = Files.writeString(root.resolve("source.txt"), "0123456789abcdef");
        PendingUpload upload = bucket.beginUpload("copy.txt");
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            upload.transferFrom(channel, 3, 7);
        }
        bucket.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE);
        assertEquals("3456789", Files.readString(root.resolve("copy.txt")));
    }

    @Test
    void restartDropsWhatWasWritten() throws IOException {
        Bucket bucket = TestBuckets.at("data", root);
        PendingUpload upload = bucket.beginUpload("again.txt");
        byte[] first = "a much longer first attempt".getBytes(StandardCharsets.UTF_8);
        upload.write(first, 0, first.length);
        upload.restart();
        byte[] second = "short".getBytes(StandardCharsets.UTF_8);
        upload.write(second, 0, second.length);
        bucket.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE);
        assertArrayEquals(second, Files.readAllBytes(root.resolve("again.txt")));
    }

    @Test
    void aSourceShorterThanTheRangeIsARetryableRefusalAndLeavesNoTempFile() throws IOException {
        Bucket bucket = TestBuckets.at("data", root);
        Path source = Files.writeString(root.resolve("short.txt"), "tiny");
        PendingUpload upload = bucket.beginUpload("copy.txt");
        try (FileChannel channel = FileChannel.open(source, StandardOpenOption.READ)) {
            StorageException e = assertThrows(StorageException.class, () -> upload.transferFrom(channel, 0, 100));
            assertEquals(StorageException.Reason.CHANGED_WHILE_READ, e.reason(), "retryable: the source changed");
        } finally {
            upload.abort();
        }
        try (var temps = Files.list(root.resolve(".volumegate/tmp"))) {
            assertEquals(0, temps.count());
        }
    }
}
