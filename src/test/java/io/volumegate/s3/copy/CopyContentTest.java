package io.volumegate.s3.copy;

import io.volumegate.checksum.ContentDigests;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.TestBuckets;
import io.volumegate.storage.WriteCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a copy's digests come from: the source's stored ones only when they provably describe
 * the copied bytes, else hashed from exactly the bytes written.
 */
class CopyContentTest {
    /** Deliberately NOT the MD5 of the content: seeing it on the copy proves it was reused. */
    private static final String STORED_MD5 = "00112233445566778899aabbccddeeff";
    private static final String STORED_CRC32 = "AQIDBA==";
    private static final byte[] CONTENT = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private Bucket bucket;

    private StoredObject put(String key, ObjectMetadata metadata) throws IOException {
        bucket = bucket != null ? bucket : TestBuckets.at("data", root);
        PendingUpload upload = bucket.beginUpload(key);
        upload.write(CONTENT, 0, CONTENT.length);
        bucket.commit(upload, metadata, WriteCondition.NONE);
        return bucket.stat(key);
    }

    private OpenedCopySource open(StoredObject object, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(object.path(), StandardOpenOption.READ);
        BasicFileAttributes opened = Files.readAttributes(object.path(), BasicFileAttributes.class);
        return new OpenedCopySource(new CopySource("data", object.key()), object, channel, opened, offset, length);
    }

    private String copy(OpenedCopySource source, String key, Set<ChecksumAlgorithm> algorithms, StringBuilder crc32) throws IOException {
        PendingUpload upload = bucket.beginUpload(key);
        ContentDigests digests = CopyOperations.copyContent(source, upload, algorithms);
        bucket.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE);
        if (digests.checksums().containsKey(ChecksumAlgorithm.CRC32)) crc32.append(digests.checksums().get(ChecksumAlgorithm.CRC32));
        return digests.md5Hex();
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    @Test
    void freshStoredDigestsOfAWholeUnchangedSourceAreReused() throws Exception {
        StoredObject source = put("src.txt", ObjectMetadata.builder().md5Hex(STORED_MD5).putChecksum("CRC32", STORED_CRC32).build());
        StringBuilder crc = new StringBuilder();
        try (OpenedCopySource opened = open(source, 0, source.size())) {
            assertEquals(STORED_MD5, copy(opened, "dst.txt", EnumSet.of(ChecksumAlgorithm.CRC32), crc));
        }
        assertEquals(STORED_CRC32, crc.toString());
        assertEquals(new String(CONTENT, StandardCharsets.UTF_8), Files.readString(root.resolve("dst.txt")));
    }

    @Test
    void aSourceWithoutStoredDigestsIsHashedWhileCopied() throws Exception {
        Files.write(root.resolve("foreign.txt"), CONTENT); // written by another program: no metadata
        bucket = TestBuckets.at("data", root);
        StoredObject source = bucket.stat("foreign.txt");
        assertTrue(source.metadata().isEmpty());
        StringBuilder crc = new StringBuilder();
        try (OpenedCopySource opened = open(source, 0, source.size())) {
            assertEquals(md5(CONTENT), copy(opened, "dst.txt", EnumSet.of(ChecksumAlgorithm.CRC32), crc));
        }
        assertEquals(crc32(CONTENT), crc.toString());
    }

    @Test
    void aChecksumTheSourceDoesNotHaveMeansHashing() throws Exception {
        StoredObject source = put("src.txt", ObjectMetadata.builder().md5Hex(STORED_MD5).putChecksum("SHA256", "x").build());
        try (OpenedCopySource opened = open(source, 0, source.size())) {
            assertEquals(md5(CONTENT), copy(opened, "dst.txt", EnumSet.of(ChecksumAlgorithm.CRC32), new StringBuilder()));
        }
    }

    @Test
    void aMultipartEtagOrCompositeChecksumIsNotTheDigestOfTheBytes() throws Exception {
        StoredObject multipart = put("mp.txt", ObjectMetadata.builder().md5Hex(STORED_MD5 + "-3").build());
        try (OpenedCopySource opened = open(multipart, 0, multipart.size())) {
            assertFalse(opened.storedDigests(Set.of()).isPresent());
        }
        StoredObject composite = put("composite.txt",
                ObjectMetadata.builder().md5Hex(STORED_MD5).putChecksum("CRC32", STORED_CRC32 + "-3").build());
        try (OpenedCopySource opened = open(composite, 0, composite.size())) {
            assertFalse(opened.storedDigests(EnumSet.of(ChecksumAlgorithm.CRC32)).isPresent());
        }
    }

    @Test
    void aRangeIsAlwaysHashed() throws Exception {
        StoredObject source = put("src.txt", ObjectMetadata.builder().md5Hex(STORED_MD5).build());
        try (OpenedCopySource opened = open(source, 4, 5)) {
            assertFalse(opened.whole());
            assertEquals(md5("quick".getBytes(StandardCharsets.UTF_8)), copy(opened, "part.txt", Set.of(), new StringBuilder()));
        }
        assertEquals("quick", Files.readString(root.resolve("part.txt")));
    }

    @Test
    void aSourceRewrittenDuringTheKernelCopyIsCopiedAgainHashing() throws Exception {
        StoredObject source = put("src.txt", ObjectMetadata.builder().md5Hex(STORED_MD5).build());
        try (OpenedCopySource opened = open(source, 0, source.size())) {
            // Another program rewrites the file in place (same size): its mtime moves on.
            byte[] rewritten = new String(CONTENT, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8);
            Files.write(source.path(), rewritten);
            Files.setLastModifiedTime(source.path(), FileTime.fromMillis(source.lastModified().toEpochMilli() + 5000));
            assertFalse(opened.unchanged());
            String md5 = copy(opened, "dst.txt", Set.of(), new StringBuilder());
            byte[] copied = Files.readAllBytes(root.resolve("dst.txt"));
            assertEquals(md5(copied), md5, "the digest describes exactly the committed bytes");
            assertFalse(STORED_MD5.equals(md5));
        }
    }
}
