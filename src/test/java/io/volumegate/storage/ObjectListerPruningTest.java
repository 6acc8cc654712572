package io.volumegate.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which directories a listing reads. The snapshot cache reports every read from disk, which
 * is exact where "make a directory unreadable" is not (tests may run as root).
 */
class ObjectListerPruningTest {
    @TempDir
    Path temp;
    TestBucket bucket;

    @BeforeEach
    void tree() throws IOException {
        bucket = new TestBucket(temp.resolve("bucket"));
        bucket.file("photos/2024/jan/a.jpg").file("photos/2024/b.jpg").file("photos/2023/c.jpg")
                .file("photos/index").file("phx/q").file("pa/z").file("pi/w").file("music/x.mp3")
                .file("other/deep/er/y").file("ph").age();
    }

    private Set<String> reads() {
        return new TreeSet<>(bucket.readKeys());
    }

    @Test
    void prefixNamingADirectoryReadsOnlyThePathToIt() throws IOException {
        ListPage page = bucket.list("photos/2024/", "", "", 1000);
        assertEquals(List.of("photos/2024/b.jpg", "photos/2024/jan/a.jpg"), TestBucket.results(page));
        assertEquals(Set.of("", "photos/", "photos/2024/", "photos/2024/jan/"), reads());
    }

    @Test
    void prefixEndingMidNameReadsOnlyDirectoriesStartingWithIt() throws IOException {
        ListPage page = bucket.list("ph", "", "", 1000);
        assertEquals(List.of("ph", "photos/2023/c.jpg", "photos/2024/b.jpg", "photos/2024/jan/a.jpg", "photos/index", "phx/q"),
                TestBucket.results(page));
        assertEquals(Set.of("", "photos/", "photos/2023/", "photos/2024/", "photos/2024/jan/", "phx/"), reads());
    }

    @Test
    void prefixEndingMidNameBelowADirectory() throws IOException {
        ListPage page = bucket.list("photos/202", "", "", 1000);
        assertEquals(List.of("photos/2023/c.jpg", "photos/2024/b.jpg", "photos/2024/jan/a.jpg"), TestBucket.results(page));
        assertEquals(Set.of("", "photos/", "photos/2023/", "photos/2024/", "photos/2024/jan/"), reads());
    }

    @Test
    void slashDelimiterWithPrefixReadsOnlyTheRoot() throws IOException {
        ListPage page = bucket.list("ph", "/", "", 1000);
        assertEquals(List.of("ph", "PREFIX photos/", "PREFIX phx/"), TestBucket.results(page));
        assertEquals(Set.of(""), reads());
    }

    @Test
    void prefixMatchingNothingReadsOnlyTheRoot() throws IOException {
        assertEquals(List.of(), TestBucket.results(bucket.list("photos/2025/", "", "", 1000)));
        assertEquals(Set.of("", "photos/"), reads());
        bucket.reads.clear();
        assertEquals(List.of(), TestBucket.results(bucket.list("nothing", "", "", 1000)));
        assertEquals(Set.of(), reads(), "root snapshot reused, nothing else read");
    }

    @Test
    void startAfterSkipsEarlierSubtreesUnread() throws IOException {
        ListPage page = bucket.list("", "", "photos/2024/b.jpg", 1000);
        assertEquals(List.of("photos/2024/jan/a.jpg", "photos/index", "phx/q", "pi/w"), TestBucket.results(page));
        assertEquals(Set.of("", "photos/", "photos/2024/", "photos/2024/jan/", "phx/", "pi/"), reads());
    }

    @Test
    void pageStopsAfterOneLookahead() throws IOException {
        ListPage page = bucket.list("", "", "", 2);
        assertEquals(List.of("music/x.mp3", "other/deep/er/y"), TestBucket.results(page));
        assertEquals(true, page.truncated());
        // The lookahead ("pa/z") needs pa/ but nothing after it.
        assertEquals(Set.of("", "music/", "other/", "other/deep/", "other/deep/er/", "pa/"), reads());
    }
}
