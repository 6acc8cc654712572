package io.volumegate.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A bucket directory for tests: builds trees by key, marks directory objects (the marker
 * lives "elsewhere", here in a set), ages directory mtimes so snapshots count as trusted,
 * and records which directories a lister read.
 */
final class TestBucket {
    final Path root;
    final Set<Path> markers = new HashSet<>();
    final List<Path> reads = new CopyOnWriteArrayList<>();
    final DirectorySnapshots snapshots;
    final ObjectLister lister;

    TestBucket(Path root) {
        this(root, DirectorySnapshots.DEFAULT_MAX_ENTRIES);
    }

    TestBucket(Path root, int maxEntries) {
        this.root = root.toAbsolutePath().normalize();
        this.snapshots = new DirectorySnapshots(maxEntries, DirectorySnapshots.DEFAULT_RACY_WINDOW,
                java.time.Clock.systemUTC(), reads::add);
        this.lister = new ObjectLister(snapshots);
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file at {@code key} whose content is the key itself (so sizes differ). */
    TestBucket file(String key) throws IOException {
        return file(key, key);
    }

    TestBucket file(String key, String content) throws IOException {
        Path path = path(key);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return this;
    }

    TestBucket dir(String key) throws IOException {
        Files.createDirectories(path(key));
        return this;
    }

    /** A directory object: key "d/" (given with or without the slash). */
    TestBucket directoryObject(String key) throws IOException {
        Path path = path(key);
        Files.createDirectories(path);
        markers.add(path);
        return this;
    }

    Path path(String key) {
        String relative = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return root.resolve(relative);
    }

    Predicate<Path> isDirectoryObject() {
        return markers::contains;
    }

    /**
     * Sets every directory's mtime a minute back, as if the tree were written long ago: only
     * then does the racy-timestamp guard let snapshots be reused.
     */
    TestBucket age() throws IOException {
        FileTime past = FileTime.from(Instant.now().minusSeconds(60));
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setLastModifiedTime(path, past);
                }
            }
        }
        return this;
    }

    ListPage list(ListQuery query) throws IOException {
        return lister.list(root, query, isDirectoryObject());
    }

    ListPage list(String prefix, String delimiter, String startAfter, int maxKeys) throws IOException {
        return list(new ListQuery(prefix, delimiter, startAfter, maxKeys));
    }

    /** All pages of a listing, following lastReturned like a client following tokens. */
    List<ListPage> pages(ListQuery query) throws IOException {
        List<ListPage> pages = new ArrayList<>();
        ListQuery next = query;
        while (true) {
            ListPage page = list(next);
            pages.add(page);
            if (!page.truncated()) return pages;
            if (pages.size() > 100_000) throw new AssertionError("listing does not end");
            next = query.resumeAfter(page.lastReturned());
        }
    }

    /** The page's results in order: object keys and "PREFIX " + common prefix, merged. */
    static List<String> results(ListPage page) {
        List<String> merged = new ArrayList<>();
        int o = 0;
        int p = 0;
        while (o < page.objects().size() || p < page.commonPrefixes().size()) {
            boolean takeObject = p == page.commonPrefixes().size()
                    || (o < page.objects().size()
                    && ReferenceListing.compareUtf8(page.objects().get(o).key(), page.commonPrefixes().get(p)) < 0);
            merged.add(takeObject ? page.objects().get(o++).key() : "PREFIX " + page.commonPrefixes().get(p++));
        }
        return merged;
    }

    static List<String> results(List<ListPage> pages) {
        List<String> all = new ArrayList<>();
        pages.forEach(page -> all.addAll(results(page)));
        return all;
    }

    long readsOf(String key) {
        Path directory = key.isEmpty() ? root : path(key);
        return reads.stream().filter(directory::equals).count();
    }

    /** Directories read, as keys ("" for the root, "a/b/" below), in read order. */
    List<String> readKeys() {
        List<String> keys = new ArrayList<>();
        for (Path read : reads) {
            String relative = root.relativize(read).toString();
            keys.add(relative.isEmpty() ? "" : relative.replace(read.getFileSystem().getSeparator(), "/") + "/");
        }
        return keys;
    }
}
