package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes what writes that died with their process left in a bucket's reserved folder, so a
 * node restarted after a crash starts clean: temp files of uploads, Completes and metadata
 * ({@code tmp/}) and of parts ({@code uploads/<id>/*.tmp}) whose owner is gone
 * ({@link TempOwner}) at once, untagged ones once they are older than a day, and commit locks
 * past {@link LockFile#STALE_AFTER}, which any writer would break anyway. Multipart uploads
 * themselves are not touched: an upload a client started stays listable and completable.
 */
final class AbandonedFiles {
    private AbandonedFiles() {}

    /** @return how many files were removed */
    static int sweep(Path reserved, Duration untaggedAge) {
        Instant now = Instant.now();
        int removed = 0;
        removed += sweepTemps(reserved.resolve("tmp"), now.minus(untaggedAge));
        try (var uploads = Files.list(reserved.resolve("uploads"))) {
            for (Path upload : (Iterable<Path>) uploads::iterator) {
                if (Files.isDirectory(upload)) removed += sweepTemps(upload, now.minus(untaggedAge));
            }
        } catch (IOException e) {
            // no uploads folder
        }
        removed += sweepLocks(reserved.resolve("locks"), now.minus(LockFile.STALE_AFTER));
        TempOwner.removeDeadLeases(reserved);
        return removed;
    }

    private static int sweepTemps(Path dir, Instant untaggedCutoff) {
        int removed = 0;
        try (var entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                boolean isTemp = dir.getFileName().toString().equals("tmp") || name.endsWith(".tmp");
                try {
                    if (isTemp && Files.isRegularFile(entry)
                            && (TempOwner.isAbandoned(entry) || !TempOwner.isTagged(entry) && olderThan(entry, untaggedCutoff))
                            && Files.deleteIfExists(entry)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // gone already, or not ours to delete: skip
                }
            }
        } catch (IOException e) {
            // no such folder yet
        }
        return removed;
    }

    private static int sweepLocks(Path locks, Instant cutoff) {
        int removed = 0;
        try (var entries = Files.list(locks)) {
            for (Path lock : (Iterable<Path>) entries::iterator) {
                try {
                    if (Files.isRegularFile(lock) && (olderThan(lock, cutoff) || TempOwner.isAbandonedLock(lock)) && Files.deleteIfExists(lock)) {
                        removed++;
                    }
                } catch (IOException e) {
                    // released meanwhile
                }
            }
        } catch (IOException e) {
            // no locks folder yet
        }
        return removed;
    }

    private static boolean olderThan(Path file, Instant cutoff) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
    }
}
