package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Removes what writes that died with their process left in a bucket's reserved folder, so a
 * node restarted after a crash starts clean: temp files of uploads, Completes and metadata
 * ({@code tmp/}) and of parts ({@code uploads/<id>/*.tmp}) whose owner is known to be gone
 * ({@link TempOwner}) at once, others' (another host's, untagged) once they are older than a
 * day; commit locks of a dead owner at once, others' past {@link LockFile#STALE_AFTER}, when
 * any writer would break them anyway. Multipart uploads themselves are not touched: an upload
 * a client started stays listable and completable.
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
                            && isAbandoned(TempOwner.ownerOfTemp(entry), entry, untaggedCutoff)
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
                    if (Files.isRegularFile(lock) && isAbandoned(TempOwner.ownerOfLock(lock), lock, cutoff) && Files.deleteIfExists(lock)) {
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

    /** A dead owner's file goes at once; one of an owner we cannot judge (another host's, untagged) by age. */
    private static boolean isAbandoned(TempOwner.Owner owner, Path file, Instant cutoff) throws IOException {
        if (owner == TempOwner.Owner.DEAD) return true;
        return owner == TempOwner.Owner.UNKNOWN && olderThan(file, cutoff);
    }

    private static boolean olderThan(Path file, Instant cutoff) throws IOException {
        return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
    }
}
