package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One listing of versions' walk over two trees at once, in strict S3 key order: the bucket
 * (current objects) and its {@code .volumegate/versions} folder (each key's history, in a
 * folder at the key's path). A key is in the listing when either tree has it; a key that
 * only the history has is one whose latest version is a delete marker, or one another
 * program deleted.
 *
 * <p>Each directory level merges the names of both trees into one sorted list, in which a
 * name stands for the key {@code name} (an object file, or a history folder holding entries)
 * and for the prefix {@code name/} (a folder, or a history folder holding subfolders); a
 * history folder is read only when the walk reaches it, so a page reads the histories of the
 * keys it lists, not of the whole directory. A
 * rolled-up common prefix skips the rest of its subtree; folders that cannot hold keys with
 * the query's prefix, or only keys before the marker, are not entered.
 */
final class VersionWalk {
    /** A key to list the versions of: its object file (or directory object) and its history folder, either may be null. */
    record KeyItem(String key, Path objectFile, boolean directoryObject, Path historyFolder) {}

    /** What {@link #next} yields: a key, or a common prefix (exactly one is non-null). */
    record Step(KeyItem key, String commonPrefix) {}

    private record Item(String name, String sortName, boolean prefix, Path live, boolean liveIsFile, Path history) {}

    private static final class Frame {
        final String keyPrefix;
        final List<Item> items;
        int next;

        Frame(String keyPrefix, List<Item> items) {
            this.keyPrefix = keyPrefix;
            this.items = items;
        }
    }

    private final VersionQuery query;
    private final DirectorySnapshots snapshots;
    private final BucketBoundary boundary;
    private final Predicate<Path> isDirectoryObject;
    private final Deque<Frame> frames = new ArrayDeque<>();

    VersionWalk(Path bucketRoot, Path versionsRoot, VersionQuery query, DirectorySnapshots snapshots,
                Predicate<Path> isDirectoryObject) throws IOException {
        this.query = query;
        this.snapshots = snapshots;
        this.boundary = BucketBoundary.of(bucketRoot);
        this.isDirectoryObject = isDirectoryObject;
        frames.push(new Frame("", items(bucketRoot, versionsRoot, true)));
    }

    /** The next key or common prefix in S3 order, or null when the walk is complete. */
    Step next() throws IOException {
        while (!frames.isEmpty()) {
            Frame frame = frames.peek();
            if (frame.next == frame.items.size()) {
                frames.pop();
                continue;
            }
            Item item = frame.items.get(frame.next++);
            Step step = item.prefix() ? visitFolder(frame.keyPrefix + item.sortName(), item) : visitKey(frame.keyPrefix + item.name(), item);
            if (step != null) return step;
        }
        return null;
    }

    private Step visitKey(String key, Item item) throws IOException {
        if (!key.startsWith(query.prefix()) || beforeMarker(key)) return null;
        if (item.live() == null && !holds(item.history(), false)) return null; // a folder of other keys' histories only
        String commonPrefix = commonPrefixOf(key);
        if (commonPrefix != null) return rollUp(commonPrefix);
        return new Step(new KeyItem(key, item.live(), false, item.history()), null);
    }

    private Step visitFolder(String subtree, Item item) throws IOException {
        if (!subtree.startsWith(query.prefix()) && !query.prefix().startsWith(subtree)) return null;
        if (Utf8Order.compare(subtree, query.keyMarker()) < 0 && !query.keyMarker().startsWith(subtree)) return null;
        if (item.live() == null && !holds(item.history(), true)) return null; // only the history of the key itself
        String commonPrefix = commonPrefixOf(subtree);
        if (commonPrefix != null) return rollUp(commonPrefix);
        frames.push(new Frame(subtree, items(item.live(), item.history(), false)));
        // A directory object "d/" is the first key of its subtree.
        if (item.live() != null && subtree.startsWith(query.prefix()) && !beforeMarker(subtree) && isDirectoryObject.test(item.live())) {
            return new Step(new KeyItem(subtree, item.live(), true, null), null);
        }
        return null;
    }

    /** Keys before the marker are done; the marker key itself is too, unless a version of it is the marker. */
    private boolean beforeMarker(String key) {
        int order = Utf8Order.compare(key, query.keyMarker());
        return order < 0 || order == 0 && query.versionIdMarker().isEmpty();
    }

    private String commonPrefixOf(String key) {
        if (query.delimiter().isEmpty() || !key.startsWith(query.prefix())) return null;
        int at = key.indexOf(query.delimiter(), query.prefix().length());
        return at < 0 ? null : key.substring(0, at + query.delimiter().length());
    }

    /** Reports {@code commonPrefix} once, if after the marker, and skips the rest of it. */
    private Step rollUp(String commonPrefix) {
        while (!frames.isEmpty() && frames.peek().keyPrefix.startsWith(commonPrefix)) frames.pop();
        Frame enclosing = frames.peek();
        if (enclosing != null) {
            String rest = commonPrefix.substring(enclosing.keyPrefix.length());
            while (enclosing.next < enclosing.items.size() && enclosing.items.get(enclosing.next).sortName().startsWith(rest)) {
                enclosing.next++;
            }
        }
        return Utf8Order.compare(commonPrefix, query.keyMarker()) > 0 ? new Step(null, commonPrefix) : null;
    }

    /**
     * The merged, sorted names of one level: {@code live} is the bucket's folder at that level,
     * {@code history} the history folder at the same key path; either may be null or absent.
     */
    private List<Item> items(Path live, Path history, boolean bucketRoot) throws IOException {
        Map<String, Item> byName = new LinkedHashMap<>();
        for (DirectoryEntry entry : entriesOf(live)) {
            if (bucketRoot && entry.name().equals(BucketBoundary.RESERVED_FOLDER)) continue;
            Path location = live.resolve(entry.name());
            if (entry.isSymbolicLink() && boundary.realTargetInside(location) == null) continue;
            String sortName = entry.sortName();
            byName.put(sortName, new Item(entry.name(), sortName, entry.isDirectory(), location, !entry.isDirectory(), null));
        }
        for (DirectoryEntry entry : entriesOf(history)) {
            if (!entry.isDirectory() || entry.isSymbolicLink()) continue; // entries of this level's own key, or strays
            // Read lazily, when the walk gets there: the key may have no versions of its own
            // (then it lists nothing) and the folder no subfolders (then no prefix, see visitFolder).
            Path folder = history.resolve(entry.name());
            merge(byName, entry.name(), entry.name(), false, folder);
            merge(byName, entry.name(), entry.name() + "/", true, folder);
        }
        List<Item> items = new ArrayList<>(byName.values());
        items.sort((a, b) -> Utf8Order.compare(a.sortName(), b.sortName()));
        return items;
    }

    /** Whether a history folder holds subfolders (other keys' histories), or else entries of its own key. */
    private boolean holds(Path historyFolder, boolean subfolders) throws IOException {
        for (DirectoryEntry inside : entriesOf(historyFolder)) {
            if (inside.isDirectory() == subfolders) return true;
        }
        return false;
    }

    private static void merge(Map<String, Item> byName, String name, String sortName, boolean prefix, Path history) {
        Item live = byName.get(sortName);
        byName.put(sortName, live == null
                ? new Item(name, sortName, prefix, null, false, history)
                : new Item(name, sortName, prefix, live.live(), live.liveIsFile(), history));
    }

    private List<DirectoryEntry> entriesOf(Path directory) throws IOException {
        if (directory == null) return List.of();
        try {
            return snapshots.snapshot(directory).entries();
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
    }
}
