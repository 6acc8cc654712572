package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lists a bucket directory one page at a time, in strict S3 order (UTF-8 bytes of the full
 * key), without state between pages: a page starts from {@link ListQuery#startAfter()}, so
 * any node can serve the next page. What makes the next page cheap is the shared
 * {@link DirectorySnapshots}, not a cursor kept here.
 *
 * <p>A page reads only the directories its keys come from, stops at {@code maxKeys} results
 * plus one lookahead (for {@code truncated}), and stats each returned object once, so sizes
 * and times are current even when a snapshot is reused. Objects that vanished since their
 * directory was read are left out silently. Blocking: call it off container I/O threads.
 *
 * <p>Known differences from S3, by design: with delimiter "/" a subdirectory is reported as
 * a common prefix without being read, so an empty directory shows as one; and a directory
 * object's LastModified is the directory's mtime, which moves whenever its entries change.
 */
public final class ObjectLister {
    private final DirectorySnapshots snapshots;

    public ObjectLister(DirectorySnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * @param bucketRoot        the bucket's directory
     * @param isDirectoryObject whether a directory carries the marker that makes it the
     *                          object "dir/"; called only for directories the walk enters
     * @throws java.nio.file.NoSuchFileException when the bucket directory does not exist
     */
    public ListPage list(Path bucketRoot, ListQuery query, Predicate<Path> isDirectoryObject) throws IOException {
        if (query.maxKeys() == 0) {
            return ListPage.EMPTY;
        }
        ListingWalk walk = new ListingWalk(bucketRoot, BucketBoundary.of(bucketRoot), query, isDirectoryObject, snapshots);
        List<ListedObject> objects = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        String lastReturned = "";
        int results = 0;
        for (Candidate candidate = walk.next(); candidate != null; candidate = walk.next()) {
            ListedObject object = null;
            if (candidate.kind() != Candidate.Kind.COMMON_PREFIX) {
                object = confirm(candidate);
                if (object == null) {
                    continue;
                }
            }
            if (results == query.maxKeys()) {
                // The lookahead: one more result exists, so the page is truncated.
                return new ListPage(objects, commonPrefixes, true, lastReturned);
            }
            if (object != null) {
                objects.add(object);
            } else {
                commonPrefixes.add(candidate.key());
            }
            results++;
            lastReturned = candidate.key();
        }
        return new ListPage(objects, commonPrefixes, false, lastReturned);
    }

    /** A fresh stat: size and time may have changed since the snapshot, or the file be gone. */
    private static ListedObject confirm(Candidate candidate) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(candidate.path(), BasicFileAttributes.class);
        } catch (NoSuchFileException | NotDirectoryException vanished) {
            return null;
        }
        if (candidate.kind() == Candidate.Kind.DIRECTORY_OBJECT) {
            return attributes.isDirectory()
                    ? new ListedObject(candidate.key(), candidate.path(), 0, attributes.lastModifiedTime(), true)
                    : null;
        }
        return attributes.isRegularFile()
                ? new ListedObject(candidate.key(), candidate.path(), attributes.size(), attributes.lastModifiedTime(), false)
                : null;
    }
}
