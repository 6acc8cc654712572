package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reason DirectorySnapshots exists: a big folder is read once, not once per page. */
class LargeDirectoryPagingTest {
    @TempDir
    Path temp;

    @Test
    void twentyThousandFilesInPagesOfAThousandReadTheDirectoryOnce() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("bucket"));
        Path big = Files.createDirectories(bucket.path("big/"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) names.add(String.format("file-%05d.dat", i));
        Collections.shuffle(names, new Random(1)); // creation (and so readdir) order is not key order
        for (String name : names) Files.createFile(big.resolve(name));
        bucket.age();

        List<ListPage> pages = bucket.pages(new ListQuery("big/", "", "", 1000));

        assertEquals(20, pages.size());
        for (int i = 0; i < 19; i++) {
            assertTrue(pages.get(i).truncated());
            assertEquals(1000, pages.get(i).objects().size());
        }
        assertFalse(pages.get(19).truncated());
        List<String> keys = TestBucket.results(pages);
        Collections.sort(names);
        assertEquals(names.stream().map(name -> "big/" + name).toList(), keys);
        assertEquals(1, bucket.readsOf("big/"), "one read and sort for all 20 pages");
        assertEquals(1, bucket.readsOf(""));
    }
}
