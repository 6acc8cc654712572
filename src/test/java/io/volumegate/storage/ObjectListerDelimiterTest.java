package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Common prefixes: "/" without descending, other delimiters by walking. */
class ObjectListerDelimiterTest {
    @TempDir
    Path temp;

    private TestBucket bucket() {
        return new TestBucket(temp.resolve("bucket"));
    }

    @Test
    void slashRollsUpSubdirectoriesWithoutReadingThem() throws IOException {
        TestBucket bucket = bucket().file("a.b").file("a/b/c").file("a/d").file("a0").file("z").age();
        ListPage page = bucket.list("", "/", "", 1000);
        assertEquals(List.of("a.b", "PREFIX a/", "a0", "z"), TestBucket.results(page));
        assertEquals(List.of(""), bucket.readKeys());
    }

    @Test
    void slashUnderAPrefix() throws IOException {
        TestBucket bucket = bucket().file("photos/2023/a.jpg").file("photos/2024/b.jpg")
                .file("photos/index.html").file("photos2/x").directoryObject("photos/");
        assertEquals(List.of("photos/", "PREFIX photos/2023/", "PREFIX photos/2024/", "photos/index.html"),
                TestBucket.results(bucket.list("photos/", "/", "", 1000)));
        assertEquals(List.of("PREFIX photos/", "PREFIX photos2/"),
                TestBucket.results(bucket.list("photos", "/", "", 1000)), "a directory object rolls up like S3's 'photos/' key");
        assertEquals(List.of("PREFIX photos/2024/"), TestBucket.results(bucket.list("photos/2024", "/", "", 1000)));
        assertEquals(List.of("photos/2024/b.jpg"), TestBucket.results(bucket.list("photos/2024/", "/", "", 1000)));
    }

    @Test
    void emptyDirectoryShowsAsACommonPrefixWithSlashOnly() throws IOException {
        // Documented difference from S3: "/" reports subdirectories unread, empty or not.
        TestBucket bucket = bucket().dir("e-empty").file("f-full/x");
        assertEquals(List.of("PREFIX e-empty/", "PREFIX f-full/"), TestBucket.results(bucket.list("", "/", "", 1000)));
        assertEquals(List.of("PREFIX f-"), TestBucket.results(bucket.list("", "-", "", 1000)));
    }

    @Test
    void otherDelimitersRollUpByWalking() throws IOException {
        TestBucket bucket = bucket().file("a-1/x").file("a-2").file("a-3/y/z").file("b").file("c/d-e/f").file("c/g")
                .file("c/h-");
        assertEquals(List.of("PREFIX a-", "b", "PREFIX c/d-", "c/g", "PREFIX c/h-"),
                TestBucket.results(bucket.list("", "-", "", 1000)));
        assertEquals(List.of("PREFIX c/d-", "c/g", "PREFIX c/h-"), TestBucket.results(bucket.list("c/", "-", "", 1000)));
        assertEquals(List.of("PREFIX a-1/", "a-2", "PREFIX a-3/"), TestBucket.results(bucket.list("a-", "/", "", 1000)));
    }

    @Test
    void delimiterRightAfterThePrefixCountsAndTheKeyEqualToAPrefixIsAnObject() throws IOException {
        TestBucket bucket = bucket().file("ab").file("a-").file("a--x");
        assertEquals(List.of("a-", "PREFIX a--"), TestBucket.results(bucket.list("a-", "-", "", 1000)));
        assertEquals(List.of("PREFIX a-", "ab"), TestBucket.results(bucket.list("a", "-", "", 1000)));
    }

    @Test
    void multiCharacterAndMultibyteDelimiters() throws IOException {
        ObjectListerOrderTest.assumeUtf8FileNames();
        TestBucket bucket = bucket().file("a/xy/1").file("a/xz").file("a/b").file("aéb/c").file("aé").file("aa");
        assertEquals(List.of("a/b", "PREFIX a/x", "aa", "aé", "aéb/c"), TestBucket.results(bucket.list("", "/x", "", 1000)));
        assertEquals(List.of("a/b", "a/xy/1", "a/xz", "aa", "PREFIX aé"), TestBucket.results(bucket.list("", "é", "", 1000)));
        assertEquals(List.of("aé", "PREFIX aéb/c"), TestBucket.results(bucket.list("aé", "/c", "", 1000)));
    }

    @Test
    void delimiterWhoseMatchStraddlesADirectoryBoundary() throws IOException {
        // "b/c" occurs in "ab/c1" across the "ab/" directory and the file "c1".
        TestBucket bucket = bucket().file("ab/c1").file("ab/c2/x").file("ab/d").file("ab.c");
        assertEquals(List.of("ab.c", "PREFIX ab/c", "ab/d"), TestBucket.results(bucket.list("", "b/c", "", 1000)));
    }

    @Test
    void commonPrefixesCountTowardMaxKeysAndResumeSkipsThemUnread() throws IOException {
        TestBucket bucket = bucket().file("a/1").file("b/1").file("c").file("d/1").age();
        ListPage first = bucket.list("", "/", "", 2);
        assertEquals(List.of("PREFIX a/", "PREFIX b/"), TestBucket.results(first));
        assertTrue(first.truncated());
        assertEquals("b/", first.lastReturned());
        ListPage second = bucket.list("", "/", first.lastReturned(), 2);
        assertEquals(List.of("c", "PREFIX d/"), TestBucket.results(second));
        assertFalse(second.truncated());
        assertEquals(List.of(""), bucket.readKeys(), "only the root, read once: the second page reuses its snapshot");
    }

    @Test
    void resumingAfterAPrefixFromAnotherDelimiterWalkSkipsAllOfIt() throws IOException {
        TestBucket bucket = bucket().file("x-1").file("x-2").file("x-3/deep/file").file("y").age();
        ListPage first = bucket.list("", "-", "", 1);
        assertEquals(List.of("PREFIX x-"), TestBucket.results(first));
        assertTrue(first.truncated());
        bucket.reads.clear();
        ListPage second = bucket.list("", "-", "x-", 1);
        assertEquals(List.of("y"), TestBucket.results(second));
        assertFalse(bucket.readKeys().contains("x-3/"), bucket.readKeys().toString());
    }

    @Test
    void startAfterInsideACommonPrefixSuppressesIt() throws IOException {
        TestBucket bucket = bucket().file("a/1").file("a/2").file("b");
        assertEquals(List.of("b"), TestBucket.results(bucket.list("", "/", "a/1", 1000)));
        assertEquals(List.of("b"), TestBucket.results(bucket.list("", "/", "a/", 1000)));
        assertEquals(List.of("PREFIX a/", "b"), TestBucket.results(bucket.list("", "/", "a.", 1000)));
    }
}
