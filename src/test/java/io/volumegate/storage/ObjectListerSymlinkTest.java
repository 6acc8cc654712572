package io.volumegate.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links count only when their real target stays inside the bucket (and out of .volumegate). */
class ObjectListerSymlinkTest {
    @TempDir
    Path temp;
    TestBucket bucket;
    Path outside;

    @BeforeEach
    void tree() throws IOException {
        bucket = new TestBucket(temp.resolve("bucket"));
        bucket.file("real/data.txt", "inside").file(".volumegate/bucket.json", "{}");
        outside = temp.resolve("outside");
        Files.createDirectories(outside.resolve("dir"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.writeString(outside.resolve("dir/f"), "x");
    }

    private void link(String key, Path target) throws IOException {
        Path link = bucket.path(key);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, target);
    }

    private List<String> keys() throws IOException {
        return bucket.list(ListQuery.all(1000)).objects().stream().map(ListedObject::key).toList();
    }

    @Test
    void linksInsideTheBucketAreFollowed() throws IOException {
        link("file-link", Path.of("real/data.txt"));
        link("dir-link", bucket.path("real"));
        ListPage page = bucket.list(ListQuery.all(1000));
        assertEquals(List.of("dir-link/data.txt", "file-link", "real/data.txt"),
                page.objects().stream().map(ListedObject::key).toList());
        assertEquals(6, page.objects().get(1).size(), "size of the target");
    }

    @Test
    void linkedDirectorySortsAsADirectory() throws IOException {
        bucket.file("l.b").file("l0");
        link("l", bucket.path("real"));
        assertEquals(List.of("l.b", "l/data.txt", "l0", "real/data.txt"), keys());
    }

    @Test
    void linksLeavingTheBucketDoNotExist() throws IOException {
        link("abs-file", outside.resolve("secret.txt"));
        link("abs-dir", outside.resolve("dir"));
        link("rel-escape", Path.of("../outside/secret.txt"));
        link("real/up-escape", Path.of("../../outside/dir"));
        link("root-prefix-trick", temp.resolve("bucket-other"));
        Files.createDirectories(temp.resolve("bucket-other"));
        Files.writeString(temp.resolve("bucket-other/x"), "x");
        assertEquals(List.of("real/data.txt"), keys());
        assertEquals(List.of(), bucket.list("", "/", "", 1000).commonPrefixes().stream()
                .filter(prefix -> !prefix.equals("real/")).toList(), "no rollup for outside directories either");
    }

    @Test
    void linksIntoTheReservedFolderDoNotExist() throws IOException {
        link("config", bucket.path(".volumegate/bucket.json"));
        link("staging", bucket.path(".volumegate"));
        assertEquals(List.of("real/data.txt"), keys());
    }

    @Test
    void danglingLinksDoNotExist() throws IOException {
        link("dangling", bucket.path("nothing-here"));
        assertEquals(List.of("real/data.txt"), keys());
    }

    @Test
    void linkCyclesEndTheWalkInsteadOfLoopingForever() throws IOException {
        link("real/self", Path.of("."));
        link("real/up", Path.of(".."));
        link("real/root", bucket.root);
        link("a/to-b", bucket.path("b"));
        link("b/to-a", bucket.path("a"));
        bucket.file("a/fa").file("b/fb");
        List<String> keys = keys();
        assertTrue(keys.containsAll(List.of("a/fa", "a/to-b/fb", "b/fb", "b/to-a/fa", "real/data.txt")), keys.toString());
        assertTrue(keys.stream().allMatch(key -> key.length() < 40), keys.toString());
    }

    @Test
    void bucketRootReachedThroughALinkStillBoundsLinks() throws IOException {
        Path alias = temp.resolve("alias");
        Files.createSymbolicLink(alias, bucket.root);
        link("inside", Path.of("real/data.txt"));
        link("outside", outside.resolve("secret.txt"));
        List<String> keys = bucket.lister.list(alias, ListQuery.all(1000), p -> false).objects().stream()
                .map(ListedObject::key).toList();
        assertEquals(List.of("inside", "real/data.txt"), keys);
    }
}
