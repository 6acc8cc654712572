package io.volumegate.storage;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The entries of one directory as read at one moment, sorted in key order, immutable and
 * shared between listings. Besides the entries it answers the searches a listing makes to
 * avoid scanning: where to resume after a key, where a prefix starts and where it ends.
 * All arguments are key text relative to this directory.
 */
public final class DirectorySnapshot {
    private final Path directory;
    private final DirectoryStamp stamp;
    private final boolean trusted;
    private final DirectoryEntry[] entries;

    DirectorySnapshot(Path directory, DirectoryStamp stamp, boolean trusted, DirectoryEntry[] sortedEntries) {
        this.directory = directory;
        this.stamp = stamp;
        this.trusted = trusted;
        this.entries = sortedEntries;
    }

    public Path directory() { return directory; }

    DirectoryStamp stamp() { return stamp; }

    /**
     * Whether an unchanged stamp proves unchanged contents later: only when the read began
     * well after the directory's mtime (see {@link DirectorySnapshots}).
     */
    boolean trusted() { return trusted; }

    public int size() { return entries.length; }

    public DirectoryEntry get(int index) { return entries[index]; }

    /** A read-only view, not a copy: snapshots can hold hundreds of thousands of entries. */
    public List<DirectoryEntry> entries() { return Collections.unmodifiableList(Arrays.asList(entries)); }

    /**
     * The first entry that can hold keys after {@code bound}: either its sort name is greater,
     * or it is the directory that {@code bound} lies inside ("d/" for bound "d/x"; also for
     * bound "d/" itself, whose subtree keys "d/..." are greater).
     */
    int resumeIndexAfter(String bound) {
        int index = firstIndexWhere(0, entry -> Utf8Order.compare(entry.sortName(), bound) > 0);
        if (index > 0) {
            DirectoryEntry previous = entries[index - 1];
            if (previous.isDirectory() && bound.startsWith(previous.sortName())) {
                return index - 1;
            }
        }
        return index;
    }

    /** The first entry whose sort name is >= {@code key}. */
    int lowerBound(String key) {
        return firstIndexWhere(0, entry -> Utf8Order.compare(entry.sortName(), key) >= 0);
    }

    /**
     * The first index at or after {@code from} past every entry whose sort name starts with
     * {@code prefix}. Such entries are contiguous in key order, so this is a binary search.
     */
    int indexPastPrefix(int from, String prefix) {
        return firstIndexWhere(from, entry ->
                !entry.sortName().startsWith(prefix) && Utf8Order.compare(entry.sortName(), prefix) > 0);
    }

    private interface EntryTest {
        boolean test(DirectoryEntry entry);
    }

    /** Binary search for the first index in [from, size) where a monotone test turns true. */
    private int firstIndexWhere(int from, EntryTest test) {
        int low = from;
        int high = entries.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (test.test(entries[middle])) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }
}
