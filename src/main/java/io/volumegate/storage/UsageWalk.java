package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Counts what a bucket holds by walking it, as {@link KeyFootprint} counts one key: every
 * regular file under the bucket (not the reserved folder; symlinks not followed, so nothing
 * is counted twice or outside), and every version kept in its history (delete markers hold
 * nothing). Folders, folder objects, temp files and multipart parts are not counted.
 * Memory stays constant, whatever the bucket's size.
 */
final class UsageWalk {
    private final Path root;
    private final Path reserved;
    private final Path versions;

    UsageWalk(Path root, Path reserved, Path versions) {
        this.root = root;
        this.reserved = reserved;
        this.versions = versions;
    }

    Usage count() throws IOException {
        Counter objects = new Counter(false);
        Files.walkFileTree(root, objects);
        Counter history = new Counter(true);
        if (Files.isDirectory(versions)) Files.walkFileTree(versions, history);
        return new Usage(objects.bytes + history.bytes, objects.files + history.files);
    }

    private final class Counter extends SimpleFileVisitor<Path> {
        private final boolean history;
        long bytes;
        long files;

        Counter(boolean history) {
            this.history = history;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
            return !history && directory.equals(reserved) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!attributes.isRegularFile()) return FileVisitResult.CONTINUE;
            if (history && HistoryEntry.parse(file).map(HistoryEntry::deleteMarker).orElse(true)) return FileVisitResult.CONTINUE;
            bytes += attributes.size();
            files++;
            return FileVisitResult.CONTINUE;
        }

        /** A file removed while we walk, an unreadable folder: not counted, the walk goes on. */
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path directory, IOException e) {
            return FileVisitResult.CONTINUE;
        }
    }
}
