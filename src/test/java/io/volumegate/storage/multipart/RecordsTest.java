package io.volumegate.storage.multipart;

import io.volumegate.storage.ObjectMetadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staging area's small files survive a round trip through their bytes, and refuse garbage. */
class RecordsTest {
    private static final Instant WHEN = Instant.ofEpochMilli(1_700_000_000_123L);

    @Test
    void manifestKeepsKeyChecksumChoiceAndObjectMetadata() {
        ObjectMetadata metadata = ObjectMetadata.builder().contentType("video/mp4").putUserMetadata("owner", "Zoë 🎬")
                .cacheControl("no-cache").build();
        UploadManifest manifest = new UploadManifest(UploadId.generate(WHEN), "films/été 2024.mp4", WHEN, "CRC32C", "COMPOSITE",
                true, metadata);
        UploadManifest back = UploadManifest.fromBytes(manifest.toBytes());
        assertEquals(manifest, back);
        assertEquals("Zoë 🎬", back.metadata().userMetadata().get("owner"));
        String text = new String(manifest.toBytes(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("v=1") || text.contains("\nv=1"), "versioned: " + text);
        assertFalse(text.startsWith("#"), "no date comment");
    }

    @Test
    void partRecordKeepsEverythingComplete_needs() {
        PartRecord part = new PartRecord(42, 5L << 20, "5d41402abc4b2a76b9719d911017c592",
                Map.of("CRC64NVME", "AAAAAAAAAAA=", "CRC32", "NhCmhg=="), WHEN, "5242880:1700000000123:991");
        PartRecord back = PartRecord.fromBytes(part.toBytes());
        assertEquals(part, back);
        assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", back.etag());
        assertEquals("NhCmhg==", back.checksum("crc32"));
    }

    @Test
    void completionRecordKeepsTheAnswer() {
        CompletionRecord record = new CompletionRecord("a/b", "065947336a2f2a95ba8899f3675c3be6-2", "CRC32", "wpn7tg==-2",
                "COMPOSITE", 10, "abc", WHEN, "Xq3v9W1h2T7a0b8C4dE5fG6hJ7kL8mN9");
        assertEquals(record, CompletionRecord.fromBytes(record.toBytes()));
    }

    @Test
    void unknownVersionsAndMissingFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> UploadManifest.fromBytes("v=2\nkey=a\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> PartRecord.fromBytes("v=1\nnumber=1\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> CompletionRecord.fromBytes(new byte[0]));
    }
}
