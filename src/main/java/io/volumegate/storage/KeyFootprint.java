package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What one key holds, measured under its commit lock before and after a change so the
 * bucket's usage moves by exactly the difference, whatever the change did (an overwrite, a
 * version kept or promoted, a null version replaced, a marker added): the object file, and
 * each version in its history as {@link UsageWalk} counts them.
 *
 * @param current the object file alone
 * @param total   the object file and its history
 */
record KeyFootprint(Usage current, Usage total) {
    static final KeyFootprint NONE = new KeyFootprint(Usage.ZERO, Usage.ZERO);

    /** @param objectFile the key's path; null when it leads out of the bucket (then there is no object) */
    static KeyFootprint measure(Path objectFile, KeyHistory history) throws IOException {
        BasicFileAttributes file = objectFile == null ? null : regularFileOrNull(objectFile);
        Usage current = file == null ? Usage.ZERO : new Usage(file.size(), 1);
        Usage total = current;
        for (HistoryEntry entry : history.entries()) {
            if (entry.deleteMarker()) continue;
            BasicFileAttributes version = regularFileOrNull(entry.path());
            if (version != null) total = total.plus(new Usage(version.size(), 1));
        }
        return new KeyFootprint(current, total);
    }

    /** Not following symlinks, as the walk does not. */
    private static BasicFileAttributes regularFileOrNull(Path path) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return attributes.isRegularFile() ? attributes : null;
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return null;
            throw e;
        }
    }

    /**
     * What writing {@code newSize} bytes over the key adds, before it is done: unversioned, the
     * object file is replaced; versioned, it is kept, so all of the new one is growth (a
     * suspended bucket may free a null version too, which the settled delta then shows).
     */
    Usage growthOfWrite(long newSize, Versioning versioning) {
        Usage added = new Usage(newSize, 1);
        return versioning == Versioning.UNVERSIONED ? added.minus(current) : added;
    }
}
