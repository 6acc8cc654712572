package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectMetadataTest {

    static ObjectMetadata full() {
        return ObjectMetadata.builder()
                .contentType("text/plain; charset=utf-8")
                .contentEncoding("gzip")
                .contentDisposition("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt")
                .cacheControl("max-age=60, public")
                .expires("Thu, 01 Dec 2044 16:00:00 GMT")
                .contentLanguage("de-CH")
                .putUserMetadata("Author", "Jürg Müller 🚀")
                .putUserMetadata("note", "line1\nline2 = a:b #not-a-comment !x\\y")
                .putUserMetadata("日本", "東京")
                .md5Hex("9e107d9d372bb6826bd81d3542a419d6")
                .putChecksum("crc32", "AAAAAA==")
                .putChecksum("SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
                .size(1234)
                .mtimeMillis(1_700_000_000_123L)
                .build();
    }

    @Test
    void roundTripsEveryField() {
        ObjectMetadata m = full();
        ObjectMetadata back = ObjectMetadata.fromBytes(m.toBytes());
        assertEquals(m, back);
        assertEquals("text/plain; charset=utf-8", back.contentType());
        assertEquals("gzip", back.contentEncoding());
        assertEquals("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt", back.contentDisposition());
        assertEquals("max-age=60, public", back.cacheControl());
        assertEquals("Thu, 01 Dec 2044 16:00:00 GMT", back.expires());
        assertEquals("de-CH", back.contentLanguage());
        assertEquals(Map.of("author", "Jürg Müller 🚀", "note", "line1\nline2 = a:b #not-a-comment !x\\y", "日本", "東京"),
                back.userMetadata());
        assertEquals("9e107d9d372bb6826bd81d3542a419d6", back.md5Hex());
        assertEquals(Map.of("CRC32", "AAAAAA==", "SHA256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="), back.checksums());
        assertEquals(1234, back.size());
        assertEquals(1_700_000_000_123L, back.mtimeMillis());
    }

    @Test
    void roundTripsTagsAndPartChecksumsAndReadsBlobsWrittenWithoutThem() {
        ObjectMetadata tagged = full().toBuilder()
                .tags(Map.of("project", "blue", "Key 1_.:/=+-@", "Wert ä", "empty", ""))
                .partChecksums(java.util.List.of("AAAAAA==", "BBBBBB=="))
                .build();
        ObjectMetadata back = ObjectMetadata.fromBytes(tagged.toBytes());
        assertEquals(tagged, back);
        assertEquals(java.util.List.of("Key 1_.:/=+-@", "empty", "project"), java.util.List.copyOf(back.tags().keySet()));
        assertEquals("Wert ä", back.tags().get("Key 1_.:/=+-@"));
        assertEquals(java.util.List.of("AAAAAA==", "BBBBBB=="), back.partChecksums());
        // a blob of before tags: no tags, no part checksums
        ObjectMetadata old = ObjectMetadata.fromBytes(full().toBytes());
        assertEquals(Map.of(), old.tags());
        assertNull(old.partChecksums());
        assertEquals(Map.of(), ObjectMetadata.fromBytes(tagged.toBuilder().tags(Map.of()).build().toBytes()).tags());
    }

    @Test
    void roundTripsAMultipartObjectsChecksumTypeAndPartSizes() {
        ObjectMetadata m = full().toBuilder().md5Hex("0123456789abcdef0123456789abcdef-3").checksumType("COMPOSITE")
                .partSizes(PartSizes.of(java.util.List.of(8L << 20, 8L << 20, 17L))).build();
        ObjectMetadata back = ObjectMetadata.fromBytes(m.toBytes());
        assertEquals(m, back);
        assertEquals("COMPOSITE", back.checksumType());
        assertEquals("8388608*2,17", back.partSizes().encode());
        assertTrue(new String(m.toBytes(), StandardCharsets.UTF_8).contains("parts=8388608*2,17"));
    }

    @Test
    void aSinglePutHasNeitherChecksumTypeNorParts() {
        ObjectMetadata back = ObjectMetadata.fromBytes(full().toBytes());
        assertNull(back.checksumType());
        assertNull(back.partSizes());
    }

    @Test
    void roundTripsAnEmptyRecord() {
        ObjectMetadata m = ObjectMetadata.builder().size(0).mtimeMillis(0).build();
        ObjectMetadata back = ObjectMetadata.fromBytes(m.toBytes());
        assertEquals(m, back);
        assertNull(back.contentType());
        assertNull(back.md5Hex());
        assertTrue(back.userMetadata().isEmpty());
        assertTrue(back.checksums().isEmpty());
    }

    @Test
    void serialisesAsVersionedUtf8PropertiesWithoutDateComment() {
        String text = new String(full().toBytes(), StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch("v=1"::equals), text);
        assertTrue(text.lines().anyMatch("content-type=text/plain; charset\\=utf-8"::equals), text);
        assertTrue(text.lines().anyMatch("size=1234"::equals), text);
        assertTrue(text.lines().anyMatch("mtime=1700000000123"::equals), text);
        assertTrue(text.lines().anyMatch("meta.日本=東京"::equals), "unicode stays unescaped: " + text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("checksum.CRC32=")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("md5=")), text);
        assertFalse(text.lines().anyMatch(l -> l.startsWith("#")), text);
    }

    @Test
    void refusesUnknownVersionsAndMissingFingerprint() {
        assertThrows(IllegalArgumentException.class,
                () -> ObjectMetadata.fromBytes("v=2\nsize=1\nmtime=1\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectMetadata.fromBytes("size=1\nmtime=1\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectMetadata.fromBytes("v=1\nmtime=1\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> ObjectMetadata.fromBytes("v=1\nsize=x\nmtime=1\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void toBuilderChangesOneFieldAndKeepsTheRest() {
        ObjectMetadata m = full();
        ObjectMetadata changed = m.toBuilder().contentType("image/png").build();
        assertEquals("image/png", changed.contentType());
        assertEquals(m.userMetadata(), changed.userMetadata());
        assertEquals("text/plain; charset=utf-8", m.contentType(), "the original is unchanged");
        assertThrows(UnsupportedOperationException.class, () -> m.userMetadata().put("x", "y"));
    }

    @Test
    void fingerprintMatchesSizeAndMillisecondMtime(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L));
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        ObjectMetadata m = full().withFingerprint(attrs);
        assertEquals(5, m.size());
        assertEquals(1_600_000_000_000L, m.mtimeMillis());
        assertTrue(m.isFreshFor(attrs));

        Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_001L));
        assertFalse(m.isFreshFor(Files.readAttributes(file, BasicFileAttributes.class)));
    }
}
