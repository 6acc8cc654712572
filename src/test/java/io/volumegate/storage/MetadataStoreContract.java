package io.volumegate.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link MetadataStore} must do; subclasses supply the store. */
abstract class MetadataStoreContract {
    @TempDir
    Path bucket;

    MetadataStore store;

    abstract MetadataStore createStore(Path bucketRoot) throws IOException;

    @BeforeEach
    void setUpStore() throws IOException {
        store = createStore(bucket);
    }

    Path object(String key, String content) throws IOException {
        Path file = bucket.resolve(key);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    static String bigValue(int bytes) {
        return "x".repeat(bytes);
    }

    @Test
    void roundTripsEveryFieldWithUnicodeUserMetadata() throws IOException {
        Path file = object("docs/résumé.txt", "hello world");
        ObjectMetadata written = ObjectMetadataTest.full();
        store.write(file, "docs/résumé.txt", written);

        ObjectMetadata read = store.read(file, "docs/résumé.txt").orElseThrow();
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        // Everything but the fingerprint as written; the fingerprint is the file's.
        assertEquals(written.withFingerprint(attrs), read);
        assertEquals("Jürg Müller 🚀", read.userMetadata().get("author"));
        assertEquals("東京", read.userMetadata().get("日本"));
        assertEquals(11, read.size());
        assertEquals(attrs.lastModifiedTime().toMillis(), read.mtimeMillis());
    }

    @Test
    void nothingStoredReadsEmpty() throws IOException {
        Path file = object("plain.bin", "from another program");
        assertEquals(Optional.empty(), store.read(file, "plain.bin"));
    }

    @Test
    void rewriteReplacesTheMetadata() throws IOException {
        Path file = object("a.txt", "one");
        store.write(file, "a.txt", ObjectMetadataTest.full());
        store.write(file, "a.txt", ObjectMetadata.builder().contentType("text/csv").build());
        ObjectMetadata read = store.read(file, "a.txt").orElseThrow();
        assertEquals("text/csv", read.contentType());
        assertTrue(read.userMetadata().isEmpty());
    }

    @Test
    void metadataLargerThanAnXattrBlockRoundTrips() throws IOException {
        Path file = object("big.txt", "content");
        ObjectMetadata big = ObjectMetadata.builder()
                .putUserMetadata("large", bigValue(5000))
                .putUserMetadata("unicode", "ü".repeat(500))
                .md5Hex("0123456789abcdef0123456789abcdef")
                .build();
        assertTrue(big.toBytes().length > 4096);
        store.write(file, "big.txt", big);
        ObjectMetadata read = store.read(file, "big.txt").orElseThrow();
        assertEquals(bigValue(5000), read.userMetadata().get("large"));
        assertEquals("ü".repeat(500), read.userMetadata().get("unicode"));
    }

    @Test
    void staleWhenAnotherProgramRewritesWithAnotherSize() throws IOException {
        Path file = object("report.csv", "a,b\n1,2\n");
        store.write(file, "report.csv", ObjectMetadataTest.full());
        assertTrue(store.read(file, "report.csv").isPresent());

        Files.write(file, "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)); // in place: xattrs survive
        assertEquals(Optional.empty(), store.read(file, "report.csv"));
    }

    @Test
    void staleWhenAnotherProgramRewritesWithTheSameSizeButAnotherMtime() throws IOException {
        Path file = object("report.csv", "aaaa");
        FileTime before = Files.getLastModifiedTime(file);
        store.write(file, "report.csv", ObjectMetadataTest.full());
        assertTrue(store.read(file, "report.csv").isPresent());

        Files.write(file, "bbbb".getBytes(StandardCharsets.UTF_8));
        // The kernel's coarse clock may give the rewrite the very same mtime; a program that
        // rewrites a file a few seconds later does not, and that is what this models.
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2_000));
        assertEquals(4, Files.size(file));
        assertEquals(Optional.empty(), store.read(file, "report.csv"));
    }

    @Test
    void writeTakesTheFingerprintFromTheFileNotFromTheCaller() throws IOException {
        Path file = object("f.txt", "12345");
        store.write(file, "f.txt", ObjectMetadataTest.full().toBuilder().size(999).mtimeMillis(1).build());
        ObjectMetadata read = store.read(file, "f.txt").orElseThrow();
        assertEquals(5, read.size());
    }

    @Test
    void metadataWrittenOnATempFileFollowsItsRenameIntoPlace() throws IOException {
        // The PUT path: content and metadata on a temp file, then an atomic rename.
        Path tmp = object(".volumegate/tmp/upload-1", "uploaded bytes");
        store.write(tmp, "dir/put.txt", ObjectMetadataTest.full());
        Path target = bucket.resolve("dir/put.txt");
        Files.createDirectories(target.getParent());
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertEquals("text/plain; charset=utf-8", store.read(target, "dir/put.txt").orElseThrow().contentType());
    }

    @Test
    void directoryObjectsStayFreshWhenEntriesAreAddedBelowThem() throws IOException {
        Path dir = Files.createDirectories(bucket.resolve("folder"));
        store.write(dir, "folder/", ObjectMetadata.builder().contentType("application/x-directory").build());
        Files.setLastModifiedTime(dir, FileTime.fromMillis(0)); // as adding an entry would change it
        Files.writeString(dir.resolve("child.txt"), "x");
        assertEquals("application/x-directory", store.read(dir, "folder/").orElseThrow().contentType());
    }

    @Test
    void deleteRemovesTheMetadata() throws IOException {
        Path small = object("small.txt", "s");
        Path large = object("large.txt", "l");
        store.write(small, "small.txt", ObjectMetadataTest.full());
        store.write(large, "large.txt", ObjectMetadata.builder().putUserMetadata("x", bigValue(6000)).build());

        store.delete(small, "small.txt");
        store.delete(large, "large.txt");

        assertEquals(Optional.empty(), store.read(small, "small.txt"));
        assertEquals(Optional.empty(), store.read(large, "large.txt"));
    }

    @Test
    void deleteAfterTheFileIsGoneIsFine() throws IOException {
        Path file = object("gone.txt", "g");
        store.write(file, "gone.txt", ObjectMetadata.builder().putUserMetadata("x", bigValue(6000)).build());
        Files.delete(file);
        store.delete(file, "gone.txt");
        Path again = object("gone.txt", "g");
        assertEquals(Optional.empty(), store.read(again, "gone.txt"));
    }

    @Test
    void keysWith255ByteSegmentsAndDeepTreesWork() throws IOException {
        String ascii = "a".repeat(255);
        String twoByte = "é".repeat(127) + "z"; // 255 UTF-8 bytes
        assertEquals(255, twoByte.getBytes(StandardCharsets.UTF_8).length);
        String key = ascii + "/" + twoByte + "/" + "b".repeat(200) + "/" + "c".repeat(255);
        assertTrue(key.getBytes(StandardCharsets.UTF_8).length > 960);
        Path file = object(key, "deep");

        ObjectMetadata large = ObjectMetadataTest.full().toBuilder().putUserMetadata("pad", bigValue(5000)).build();
        store.write(file, key, large);
        assertEquals(bigValue(5000), store.read(file, key).orElseThrow().userMetadata().get("pad"));
        store.write(file, key, ObjectMetadataTest.full());
        assertEquals("Jürg Müller 🚀", store.read(file, key).orElseThrow().userMetadata().get("author"));
    }

    @Test
    void leavesNoTempFilesBehind() throws IOException {
        Path file = object("t.txt", "t");
        store.write(file, "t.txt", ObjectMetadata.builder().putUserMetadata("x", bigValue(6000)).build());
        store.write(file, "t.txt", ObjectMetadataTest.full());
        Path tmp = SidecarMetadataStore.tmpDir(bucket);
        if (Files.isDirectory(tmp)) {
            try (var entries = Files.list(tmp)) {
                assertEquals(0, entries.count());
            }
        }
    }
}
