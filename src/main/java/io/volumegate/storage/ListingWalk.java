package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * One listing's lazy depth-first walk over a bucket, producing candidates in strict S3 key
 * order. Key order and walk order agree because every directory snapshot is sorted by sort
 * name ("d/" for a directory) and all keys below a directory share its prefix.
 *
 * <p>Pruning, so that cost follows the page and not the bucket:
 * <ul>
 *   <li>only directories that can hold keys with the query prefix are entered
 *       ({@link DirectoryCursor});</li>
 *   <li>subtrees wholly at or before the resume point are skipped unread;</li>
 *   <li>once a common prefix is produced, everything else under it is skipped: frames below
 *       it are dropped and the enclosing directory jumps past it by binary search. A common
 *       prefix at or before the resume point is skipped the same way, unreported: a page
 *       that ended on "a/" resumes after all of "a/".</li>
 *   <li>with delimiter "/" a subdirectory that reaches past the prefix becomes a common
 *       prefix without being read. An empty directory therefore lists as a common prefix,
 *       unlike in S3 (which has no empty directories). Other delimiters find their rollups by
 *       walking, so an empty directory never produces one there.</li>
 * </ul>
 *
 * <p>The reserved folder at the bucket root is never entered; symbolic links count only
 * when {@link BucketBoundary} lets them; a link back to a directory the walk is inside is
 * ignored, so link cycles cannot make the walk endless.
 */
final class ListingWalk {
    private final ListQuery query;
    private final Predicate<Path> isDirectoryObject;
    private final DirectorySnapshots snapshots;
    private final BucketBoundary boundary;
    private final boolean slashDelimiter;
    /** The directories the walk is inside, innermost first. */
    private final Deque<DirectoryCursor> openDirectories = new ArrayDeque<>();

    ListingWalk(Path bucketRoot, BucketBoundary boundary, ListQuery query,
                Predicate<Path> isDirectoryObject, DirectorySnapshots snapshots) {
        this.query = query;
        this.isDirectoryObject = isDirectoryObject;
        this.snapshots = snapshots;
        this.boundary = boundary;
        this.slashDelimiter = query.delimiter().equals("/");
        openDirectories.push(DirectoryCursor.bucketRoot(bucketRoot, boundary.realRoot(), query));
    }

    /** The next candidate in key order, or null when the walk is complete. */
    Candidate next() throws IOException {
        while (!openDirectories.isEmpty()) {
            DirectoryCursor cursor = openDirectories.peek();
            DirectoryEntry entry = cursor.nextEntry(snapshots);
            if (entry == null) {
                openDirectories.pop();
                continue;
            }
            Candidate candidate = visit(cursor, entry);
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private Candidate visit(DirectoryCursor cursor, DirectoryEntry entry) throws IOException {
        if (cursor.isBucketRoot() && entry.name().equals(BucketBoundary.RESERVED_FOLDER)) {
            return null;
        }
        String key = cursor.keyPrefix() + entry.sortName();
        Path location = cursor.directory().resolve(entry.name());
        Path realLocation = null;
        if (entry.isSymbolicLink()) {
            realLocation = boundary.realTargetInside(location);
            if (realLocation == null) {
                return null;
            }
        }
        if (!entry.isDirectory()) {
            return visitFile(key, location);
        }
        return visitDirectory(key, location,
                realLocation != null ? realLocation : cursor.realPath().resolve(entry.name()));
    }

    private Candidate visitFile(String key, Path location) throws IOException {
        if (!key.startsWith(query.prefix()) || Utf8Order.compare(key, query.startAfter()) <= 0) {
            return null;
        }
        String commonPrefix = commonPrefixOf(key);
        return commonPrefix != null ? rollUp(commonPrefix) : Candidate.file(key, location);
    }

    /** {@code subtree} is the directory's key prefix, which is also its directory-object key. */
    private Candidate visitDirectory(String subtree, Path location, Path realLocation) throws IOException {
        if (slashDelimiter) {
            String commonPrefix = commonPrefixOf(subtree);
            if (commonPrefix != null) {
                return rollUp(commonPrefix);
            }
        }
        if (isInside(realLocation)) {
            return null;
        }
        openDirectories.push(DirectoryCursor.subdirectory(location, subtree, realLocation, query));
        // The directory object "d/" is the first key of its subtree, so it comes before the
        // cursor just pushed yields anything.
        if (subtree.startsWith(query.prefix())
                && Utf8Order.compare(subtree, query.startAfter()) > 0
                && isDirectoryObject.test(location)) {
            String commonPrefix = commonPrefixOf(subtree);
            return commonPrefix != null ? rollUp(commonPrefix) : Candidate.directoryObject(subtree, location);
        }
        return null;
    }

    /**
     * S3's rollup: the key up to and including the first delimiter after the prefix, or null.
     * A key with an occurrence entirely inside a directory's key prefix rolls up the same way
     * for every key below that directory; that is what lets "/" skip whole subdirectories.
     */
    private String commonPrefixOf(String key) {
        if (query.delimiter().isEmpty() || !key.startsWith(query.prefix())) {
            return null;
        }
        int at = key.indexOf(query.delimiter(), query.prefix().length());
        return at < 0 ? null : key.substring(0, at + query.delimiter().length());
    }

    /** Reports {@code commonPrefix} once, if after the resume point, and skips the rest of it. */
    private Candidate rollUp(String commonPrefix) throws IOException {
        while (!openDirectories.isEmpty() && openDirectories.peek().keyPrefix().startsWith(commonPrefix)) {
            openDirectories.pop();
        }
        DirectoryCursor enclosing = openDirectories.peek();
        if (enclosing != null) {
            // Both are prefixes of the key that produced the rollup, and the loop above left
            // the shorter one on top.
            enclosing.skipEntriesStartingWith(snapshots, commonPrefix.substring(enclosing.keyPrefix().length()));
        }
        return Utf8Order.compare(commonPrefix, query.startAfter()) > 0 ? Candidate.commonPrefix(commonPrefix) : null;
    }

    private boolean isInside(Path realLocation) {
        for (DirectoryCursor cursor : openDirectories) {
            if (cursor.realPath().equals(realLocation)) {
                return true;
            }
        }
        return false;
    }
}
