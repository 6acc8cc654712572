package io.volumegate.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Other programs writing an object's file: a write or delete of a file on which another
 * process holds a POSIX write lock ({@code fcntl(F_SETLK, F_WRLCK)}, {@code lockf}, an OFD
 * write lock; what {@link FileChannel#tryLock} sees) is refused with FILE_LOCKED and changes
 * nothing. Checked under the key's commit lock, so no write of ours slips in between: one
 * read-only open and one non-blocking shared lock over the whole file, released at once (a
 * read open, so no write permission is needed and no inotify watcher sees a close-after-write).
 * A shared probe conflicts with write locks only: another program's read locks do not hold up
 * our writes, and readers of ours never check. Not seen: {@code flock(2)} locks (a separate
 * lock family on Linux, except over NFS, where the client maps them to POSIX locks), files
 * we cannot open, and locks of our own process (POSIX locks do not conflict within one).
 */
final class OtherWriters {
    private OtherWriters() {}

    /** FILE_LOCKED when another process holds a lock on any part of the regular file at {@code file}. */
    static void refuseLocked(Path file) throws IOException {
        // Only regular files: opening a FIFO another program left at the key would block.
        if (!Files.isRegularFile(file)) return;
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (AccessDeniedException e) {
            return; // not ours to open; the rename or unlink in its directory decides
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return; // nothing there to be locked
            throw e;
        }
        try (channel) {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
            if (lock == null) throw locked();
            lock.release();
        } catch (OverlappingFileLockException e) {
            // another thread of ours is checking the same file (a hard-linked version): not another process
        } catch (IOException e) {
            // a filesystem that cannot lock (NFS mounted with nolock answers ENOLCK): nothing to see
            if (!"No locks available".equals(e.getMessage())) throw e;
        }
    }

    private static StorageException locked() {
        return new StorageException(StorageException.Reason.FILE_LOCKED,
                "Another program holds a lock on this object's file; retry once it has let go.");
    }
}
