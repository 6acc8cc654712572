package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A listing's position inside one directory: the directory's keys all start with
 * {@link #keyPrefix()} ("" for the bucket root, "a/b/" below). The snapshot is fetched on
 * first use, not when the walk enters the directory, so a page that ends on a directory
 * object does not read the directory behind it.
 *
 * <p>On load the cursor jumps, by binary search, to the first entry that can hold keys after
 * the query's resume point and matching its prefix, and it ends at the first entry that
 * cannot match the prefix: entries outside the prefix are never visited, let alone read.
 */
final class DirectoryCursor {
    private static final System.Logger LOG = System.getLogger(DirectoryCursor.class.getName());

    private final Path directory;
    private final String keyPrefix;
    private final Path realPath;
    private final boolean bucketRoot;
    private final ListQuery query;
    /** The part of the query prefix below this directory ("" = every entry matches). */
    private final String prefixWithin;

    private DirectorySnapshot snapshot;
    private boolean loaded;
    private int next;
    private int end;

    private DirectoryCursor(Path directory, String keyPrefix, Path realPath, boolean bucketRoot, ListQuery query) {
        this.directory = directory;
        this.keyPrefix = keyPrefix;
        this.realPath = realPath;
        this.bucketRoot = bucketRoot;
        this.query = query;
        this.prefixWithin = query.prefix().startsWith(keyPrefix) ? query.prefix().substring(keyPrefix.length()) : "";
    }

    static DirectoryCursor bucketRoot(Path directory, Path realPath, ListQuery query) {
        return new DirectoryCursor(directory, "", realPath, true, query);
    }

    /** {@code keyPrefix} is the subtree's key ending in "/"; {@code realPath} its resolved location. */
    static DirectoryCursor subdirectory(Path directory, String keyPrefix, Path realPath, ListQuery query) {
        return new DirectoryCursor(directory, keyPrefix, realPath, false, query);
    }

    Path directory() { return directory; }

    String keyPrefix() { return keyPrefix; }

    /** Where the directory really is, to recognise a link that leads back to an ancestor. */
    Path realPath() { return realPath; }

    boolean isBucketRoot() { return bucketRoot; }

    /** The next entry that can hold matching keys, or null when this directory is done. */
    DirectoryEntry nextEntry(DirectorySnapshots snapshots) throws IOException {
        load(snapshots);
        while (next < end) {
            DirectoryEntry entry = snapshot.get(next++);
            if (matchesPrefix(entry)) {
                return entry;
            }
            end = next; // matching entries are contiguous: the first miss ends them
        }
        return null;
    }

    /**
     * Skips the following entries whose sort names start with {@code relativePrefix}: their
     * keys all roll up into a common prefix the walk has already dealt with.
     */
    void skipEntriesStartingWith(DirectorySnapshots snapshots, String relativePrefix) throws IOException {
        load(snapshots);
        if (next < end) {
            next = Math.min(end, snapshot.indexPastPrefix(next, relativePrefix));
        }
    }

    private boolean matchesPrefix(DirectoryEntry entry) {
        return prefixWithin.isEmpty()
                || entry.sortName().startsWith(prefixWithin)
                || (entry.isDirectory() && prefixWithin.startsWith(entry.sortName()));
    }

    private void load(DirectorySnapshots snapshots) throws IOException {
        if (loaded) {
            return;
        }
        loaded = true;
        try {
            snapshot = snapshots.snapshot(directory);
        } catch (NoSuchFileException | NotDirectoryException vanished) {
            if (bucketRoot) throw vanished;
            return; // removed or replaced since its parent was read: nothing to list here
        } catch (AccessDeniedException unreadable) {
            if (bucketRoot) throw unreadable;
            // One folder the server may not read should not fail the whole bucket's listing;
            // its objects are unreachable for GET as well.
            LOG.log(System.Logger.Level.WARNING, "not listing unreadable directory {0}", directory);
            return;
        }
        end = snapshot.size();
        next = Math.max(resumeIndex(), prefixIndex());
    }

    private int resumeIndex() {
        String resumeAfter = query.startAfter();
        if (resumeAfter.startsWith(keyPrefix)) {
            return snapshot.resumeIndexAfter(resumeAfter.substring(keyPrefix.length()));
        }
        // Not inside this directory: its keys are all after the resume point, or all before.
        return Utf8Order.compare(resumeAfter, keyPrefix) < 0 ? 0 : end;
    }

    private int prefixIndex() {
        if (prefixWithin.isEmpty()) {
            // The prefix ends at or above this directory: all of it matches, or (never entered
            // so by the walk) none of it.
            return keyPrefix.startsWith(query.prefix()) ? 0 : end;
        }
        // Below this directory the prefix names one subdirectory ("photos/2024" → "photos/")
        // or the start of names ("ph").
        int slash = prefixWithin.indexOf('/');
        String firstSegment = slash < 0 ? prefixWithin : prefixWithin.substring(0, slash + 1);
        return snapshot.lowerBound(firstSegment);
    }
}
