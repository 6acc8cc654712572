package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * A lock that every node sharing the volume respects: a file created with O_EXCL, deleted on
 * close. No in-memory state is involved, so it works across processes and machines on NFS,
 * CephFS, EFS and the like. Held for milliseconds around a check-and-rename; a lock left by a
 * crashed process is broken at once when its owner is known to be gone ({@link TempOwner}),
 * else once it is older than {@link #STALE_AFTER}.
 */
public final class LockFile implements AutoCloseable {
    static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private final Path file;

    private LockFile(Path file) {
        this.file = file;
    }

    /** Thrown when the lock stayed taken for longer than the caller would wait. */
    public static final class TimeoutException extends IOException {
        TimeoutException(Path file, Duration waited) {
            super(file + " stayed locked for over " + waited.toSeconds() + " s");
        }
    }

    public static LockFile acquire(Path file, Duration waitAtMost) throws IOException {
        long deadline = System.nanoTime() + waitAtMost.toNanos();
        long pauseMicros = 200;
        while (true) {
            try {
                Files.createFile(file);
                markOwner(file);
                return new LockFile(file);
            } catch (NoSuchFileException e) {
                Files.createDirectories(file.getParent());
            } catch (FileAlreadyExistsException e) {
                breakIfStale(file);
                if (System.nanoTime() > deadline) throw new TimeoutException(file, waitAtMost);
                LockSupport.parkNanos(pauseMicros * 1000);
                pauseMicros = Math.min(pauseMicros * 2, 20_000);
            }
        }
    }

    /**
     * Writes this process's tag into the lock, so that breakIfStale can tell a dead owner's at
     * once. Best effort: on a full disk the lock is held all the same, unmarked (broken by age).
     */
    private static void markOwner(Path file) {
        try {
            Files.write(file, TempOwner.lockMark(), StandardOpenOption.WRITE);
        } catch (IOException e) {
            // no room for 30 bytes: an unmarked lock is what locks were before
        }
    }

    private static void breakIfStale(Path file) {
        try {
            Instant created = Files.getLastModifiedTime(file).toInstant();
            if (created.plus(STALE_AFTER).isBefore(Instant.now()) || TempOwner.ownerOfLock(file) == TempOwner.Owner.DEAD) Files.deleteIfExists(file);
        } catch (IOException e) {
            // Released meanwhile, or unreadable: the next attempt tells.
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
