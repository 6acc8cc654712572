package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ETagsTest {
    @TempDir
    Path dir;

    private static BasicFileAttributes attrs(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class);
    }

    private static String etag(Path file) throws IOException {
        return ETags.forObject(file, attrs(file), Optional.empty());
    }

    @Test
    void freshMetadataGivesTheQuotedMd5() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "The quick brown fox jumps over the lazy dog");
        ObjectMetadata m = ObjectMetadata.builder().md5Hex("9e107d9d372bb6826bd81d3542a419d6").build()
                .withFingerprint(attrs(file));
        assertEquals("\"9e107d9d372bb6826bd81d3542a419d6\"", ETags.forObject(file, attrs(file), Optional.of(m)));
    }

    @Test
    void multipartEtagIsServedAsStored() throws IOException {
        Path file = Files.writeString(dir.resolve("mp"), "parts");
        ObjectMetadata m = ObjectMetadata.builder().md5Hex("d41d8cd98f00b204e9800998ecf8427e-3").build()
                .withFingerprint(attrs(file));
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e-3\"", ETags.forObject(file, attrs(file), Optional.of(m)));
    }

    @Test
    void withoutMetadataTheEtagIsSyntheticAndStable() throws IOException {
        Path file = Files.writeString(dir.resolve("foreign"), "written by someone else");
        String etag = etag(file);
        assertTrue(etag.matches("\"[0-9a-f]{16}-1\""), etag);
        assertEquals(etag, etag(file), "same file, same ETag");
    }

    @Test
    void syntheticEtagChangesWhenTheFileChanges() throws IOException {
        Path file = Files.writeString(dir.resolve("foreign"), "version one");
        FileTime mtime = Files.getLastModifiedTime(file);
        String first = etag(file);

        Files.writeString(file, "version two, longer");
        Files.setLastModifiedTime(file, mtime);
        String otherSize = etag(file);
        assertNotEquals(first, otherSize);

        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 1_000));
        String otherMtime = etag(file);
        assertNotEquals(otherSize, otherMtime);

        // Same size and mtime but another inode: replaced by rename (e.g. cp -p + mv).
        Path replacement = Files.writeString(dir.resolve("replacement"), "version two, LONGER");
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(file));
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertNotEquals(otherMtime, etag(file));
    }

    @Test
    void staleMetadataFallsBackToSynthetic() throws IOException {
        Path file = Files.writeString(dir.resolve("s"), "original");
        ObjectMetadata m = ObjectMetadata.builder().md5Hex("0123456789abcdef0123456789abcdef").build()
                .withFingerprint(attrs(file));
        Files.writeString(file, "rewritten elsewhere");
        String etag = ETags.forObject(file, attrs(file), Optional.of(m));
        assertTrue(etag.contains("-"), etag);
    }

    @Test
    void metadataWithoutMd5FallsBackToSynthetic() throws IOException {
        Path file = Files.writeString(dir.resolve("n"), "no md5 recorded");
        ObjectMetadata m = ObjectMetadata.builder().contentType("text/plain").build().withFingerprint(attrs(file));
        assertTrue(ETags.forObject(file, attrs(file), Optional.of(m)).contains("-"));
    }

    @Test
    void emptyFilesAndDirectoriesHaveTheMd5OfNothing() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty"));
        Path folder = Files.createDirectory(dir.resolve("folder"));
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", etag(empty));
        assertEquals("\"d41d8cd98f00b204e9800998ecf8427e\"", etag(folder));
    }
}
