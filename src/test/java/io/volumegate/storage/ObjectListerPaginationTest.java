package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paging through random trees equals one brute-force listing. */
class ObjectListerPaginationTest {
    private static final String[] NAME_PARTS = {"a", "b", ".", "-", "0", "a.b", "x", "é", "€", "\uE000", "\uFFFD",
            "\uD83D\uDE00", "/"};
    private static final String[] DELIMITERS = {"", "", "/", "/", "-", "a", "é", "\uD83D\uDE00", "/a", "b-"};

    @TempDir
    Path temp;

    @Test
    void startAfterInTheMiddleOfASubtree() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("bucket"));
        bucket.file("a/b/c1").file("a/b/c2").file("a/b/c3").file("a/b/d/e").file("a/f").file("g");
        assertEquals(List.of("a/b/d/e", "a/f", "g"), TestBucket.results(bucket.list("", "", "a/b/c3", 1000)));
        assertEquals(List.of("a/b/c3", "a/b/d/e", "a/f", "g"), TestBucket.results(bucket.list("", "", "a/b/c25", 1000)),
                "resume point need not exist");
        assertEquals(List.of("a/b/c1", "a/b/c2", "a/b/c3", "a/b/d/e", "a/f", "g"),
                TestBucket.results(bucket.list("", "", "a/b/", 1000)));
        assertEquals(List.of("a/f", "g"), TestBucket.results(bucket.list("", "", "a/b/\uFFFF", 1000)));
        assertEquals(List.of("a/b/d/e"), TestBucket.results(bucket.list("a/b/", "", "a/b/c3", 1)));
        assertEquals(List.of(), TestBucket.results(bucket.list("a/b/", "", "a/c", 1000)));
    }

    @Test
    void directoryObjectIsTheResumePointOfItsOwnSubtree() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("bucket"));
        bucket.directoryObject("d/").file("d/x").file("d0");
        ListPage first = bucket.list("", "", "", 1);
        assertEquals(List.of("d/"), TestBucket.results(first));
        assertEquals("d/", first.lastReturned());
        assertEquals(List.of("d/x", "d0"), TestBucket.results(bucket.list("", "", "d/", 1000)));
    }

    @Test
    void pagesOfRandomTreesEqualTheReferenceListing() throws IOException {
        for (int seed = 0; seed < 25; seed++) {
            Path root = temp.resolve("tree" + seed);
            Random random = new Random(seed);
            TestBucket bucket = new TestBucket(root);
            build(bucket, root, random, 0);
            bucket.file(".volumegate/tmp/ignored");
            if (seed % 2 == 0) bucket.age(); // half the trees reuse snapshots, half re-read
            List<String> samples = samples(root, random);
            for (int q = 0; q < 30; q++) {
                ListQuery query = randomQuery(random, samples);
                List<String> expected = ReferenceListing.list(bucket.root, bucket.markers, query);
                List<ListPage> pages = bucket.pages(query);
                String context = "seed " + seed + " " + query;
                assertEquals(expected, TestBucket.results(pages), context);
                for (int i = 0; i < pages.size(); i++) {
                    ListPage page = pages.get(i);
                    int size = page.objects().size() + page.commonPrefixes().size();
                    if (page.truncated()) {
                        assertEquals(query.maxKeys(), size, context);
                        List<String> results = TestBucket.results(page);
                        String last = results.get(results.size() - 1);
                        assertEquals(last.startsWith("PREFIX ") ? last.substring(7) : last, page.lastReturned(), context);
                    } else {
                        assertEquals(pages.size() - 1, i, context);
                    }
                }
                for (ListPage page : pages) {
                    for (ListedObject object : page.objects()) {
                        assertEquals(object.directoryObject() ? 0 : Files.size(object.path()), object.size(), context);
                    }
                }
            }
        }
    }

    private static void build(TestBucket bucket, Path directory, Random random, int depth) throws IOException {
        int children = random.nextInt(depth == 0 ? 9 : 6);
        for (int i = 0; i < children; i++) {
            String name = randomName(random);
            Path child = directory.resolve(name);
            if (Files.exists(child)) continue;
            if (depth < 3 && random.nextInt(100) < 40) {
                Files.createDirectory(child);
                if (random.nextInt(100) < 25) bucket.markers.add(child);
                build(bucket, child, random, depth + 1);
            } else {
                Files.writeString(child, "x".repeat(random.nextInt(4)));
            }
        }
    }

    private static String randomName(Random random) {
        while (true) {
            StringBuilder name = new StringBuilder();
            int parts = 1 + random.nextInt(3);
            for (int i = 0; i < parts; i++) {
                String part = NAME_PARTS[random.nextInt(NAME_PARTS.length)];
                if (!part.equals("/")) name.append(part);
            }
            String candidate = name.toString();
            if (!candidate.isEmpty() && !candidate.equals(".") && !candidate.equals("..")
                    && !candidate.equals(".volumegate")) {
                return candidate;
            }
        }
    }

    /** Every key and directory key in the tree: material for prefixes and resume points. */
    private static List<String> samples(Path root, Random random) throws IOException {
        List<String> samples = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.filter(path -> !path.equals(root)).forEach(path -> {
                List<String> segments = new ArrayList<>();
                root.relativize(path).forEach(segment -> segments.add(segment.toString()));
                samples.add(String.join("/", segments) + (Files.isDirectory(path) ? "/" : ""));
            });
        }
        samples.add("");
        return samples;
    }

    private static ListQuery randomQuery(Random random, List<String> samples) {
        String prefix = random.nextInt(3) == 0 ? "" : cut(random, samples.get(random.nextInt(samples.size())));
        String delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
        String startAfter = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> samples.get(random.nextInt(samples.size()));
            default -> cut(random, samples.get(random.nextInt(samples.size())));
        };
        int[] sizes = {1, 2, 3, 5, 1000};
        return new ListQuery(prefix, delimiter, startAfter, sizes[random.nextInt(sizes.length)]);
    }

    /** A prefix of {@code key} cut at a code point boundary. */
    private static String cut(Random random, String key) {
        int codePoints = key.codePointCount(0, key.length());
        return key.substring(0, key.offsetByCodePoints(0, random.nextInt(codePoints + 1)));
    }

    @Test
    void allPagesOfAFixedTreeIncludingDirectoryObjects() throws IOException {
        TestBucket bucket = new TestBucket(temp.resolve("fixed"));
        bucket.file("a.b").directoryObject("a/").file("a/b").directoryObject("a/c/").file("a/c/d").file("a0");
        List<ListPage> pages = bucket.pages(ListQuery.all(2));
        assertEquals(3, pages.size());
        assertTrue(pages.get(0).truncated());
        assertTrue(pages.get(1).truncated());
        assertFalse(pages.get(2).truncated());
        assertEquals(List.of("a.b", "a/", "a/b", "a/c/", "a/c/d", "a0"), TestBucket.results(pages));
    }
}
