package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Key order, the reserved folder, directory objects, special files and key names. */
class ObjectListerOrderTest {
    @TempDir
    Path temp;

    private TestBucket bucket() {
        return new TestBucket(temp.resolve("bucket"));
    }

    private static List<String> keys(ListPage page) {
        return page.objects().stream().map(ListedObject::key).toList();
    }

    @Test
    void subdirectorySortsAsNameSlash() throws IOException {
        TestBucket bucket = bucket().file("a0").file("a/b").file("a.b").file("a/a.b").file("a/a/c").file("a-");
        assertEquals(List.of("a-", "a.b", "a/a.b", "a/a/c", "a/b", "a0"), keys(bucket.list(ListQuery.all(1000))));
    }

    @Test
    void directoryObjectsListAsSlashKeysBeforeTheirContents() throws IOException {
        TestBucket bucket = bucket().file("a.b").directoryObject("a/").file("a/b").file("a0")
                .directoryObject("empty/").directoryObject("a/c/");
        ListPage page = bucket.list(ListQuery.all(1000));
        assertEquals(List.of("a.b", "a/", "a/b", "a/c/", "a0", "empty/"), keys(page));
        ListedObject marker = page.objects().get(1);
        assertTrue(marker.directoryObject());
        assertEquals(0, marker.size());
        assertEquals(Files.getLastModifiedTime(bucket.path("a/")), marker.lastModified());
        assertFalse(page.objects().get(0).directoryObject());
    }

    @Test
    void plainDirectoriesAreNotObjects() throws IOException {
        TestBucket bucket = bucket().dir("empty").file("d/x");
        assertEquals(List.of("d/x"), keys(bucket.list(ListQuery.all(1000))));
    }

    @Test
    void multibyteKeysInUtf8ByteOrder() throws IOException {
        assumeUtf8FileNames();
        TestBucket bucket = bucket().file("z").file("é").file("\uE000").file("\uFFFD").file("\uD83D\uDE00")
                .file("d\uD83D\uDE00/x").file("d\uFFFD/x").file("d/x");
        assertEquals(List.of("d/x", "d\uFFFD/x", "d\uD83D\uDE00/x", "z", "é", "\uE000", "\uFFFD", "\uD83D\uDE00"),
                keys(bucket.list(ListQuery.all(1000))));
    }

    @Test
    void sizesAndTimesComeFromTheFiles() throws IOException {
        TestBucket bucket = bucket().file("k", "12345");
        ListedObject object = bucket.list(ListQuery.all(10)).objects().get(0);
        assertEquals(5, object.size());
        assertEquals(bucket.path("k"), object.path());
        assertEquals(Files.getLastModifiedTime(bucket.path("k")), object.lastModified());
    }

    @Test
    void reservedFolderAtTheRootIsNeverListedNorRead() throws IOException {
        TestBucket bucket = bucket().file(".volumegate/tmp/upload").file(".volumegate/bucket.json")
                .file(".volumegatf").file(".volumegat").file("sub/.volumegate/kept");
        bucket.markers.add(bucket.path(".volumegate/"));
        assertEquals(List.of(".volumegat", ".volumegatf", "sub/.volumegate/kept"), keys(bucket.list(ListQuery.all(1000))));
        assertEquals(List.of(), keys(bucket.list(".volumegate/", "", "", 1000)));
        assertEquals(List.of(), bucket.list(".volume", "/", "", 1000).commonPrefixes());
        assertFalse(bucket.readKeys().contains(".volumegate/"), bucket.readKeys().toString());
    }

    @Test
    void fifosAndOtherSpecialFilesAreSkipped() throws Exception {
        TestBucket bucket = bucket().file("a").file("c");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", bucket.path("b").toString()).inheritIO().start();
        } catch (IOException noMkfifo) {
            assumeTrue(false, "mkfifo not available");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo failed");
        assertEquals(List.of("a", "c"), keys(bucket.list(ListQuery.all(1000))));
    }

    @Test
    void namesThatAreNotUtf8AreSkipped() throws Exception {
        assumeUtf8FileNames();
        TestBucket bucket = bucket().file("good");
        Process touch;
        try {
            // Java cannot spell the name (it would encode it): let the shell write byte 0xFF.
            touch = new ProcessBuilder("sh", "-c", "touch \"$(printf 'bad\\377name')\"")
                    .directory(bucket.root.toFile()).inheritIO().start();
        } catch (IOException noShell) {
            assumeTrue(false, "no sh");
            return;
        }
        assumeTrue(touch.waitFor() == 0, "touch failed");
        try (var names = Files.list(bucket.root)) {
            assertEquals(2, names.count());
        }
        assertEquals(List.of("good"), keys(bucket.list(ListQuery.all(1000))));
    }

    @Test
    void maxKeysZeroIsAnEmptyUntruncatedPage() throws IOException {
        TestBucket bucket = bucket().file("a");
        ListPage page = bucket.list(ListQuery.all(0));
        assertEquals(ListPage.EMPTY, page);
        assertFalse(page.truncated());
        assertEquals(List.of(), bucket.reads);
    }

    @Test
    void missingBucketIsAnError() {
        TestBucket bucket = bucket();
        org.junit.jupiter.api.Assertions.assertThrows(java.nio.file.NoSuchFileException.class,
                () -> bucket.lister.list(temp.resolve("nope"), ListQuery.all(10), p -> false));
    }

    @Test
    void queryValidation() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ListQuery.all(1001));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ListQuery.all(-1));
        assertEquals(new ListQuery("", "", "", 5), new ListQuery(null, null, null, 5));
    }

    static void assumeUtf8FileNames() {
        assumeTrue(StandardCharsets.UTF_8.name().equalsIgnoreCase(System.getProperty("sun.jnu.encoding")),
                "file names are not decoded as UTF-8 (run under a UTF-8 locale)");
    }
}
