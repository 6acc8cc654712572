package io.volumegate.auth;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * Serialises changes to the keystore across every node that shares it, as
 * {@code storage.CommitLock} does for object commits: a lock file created with O_EXCL beside
 * the keystore ({@code keystore.p12.lock}), held while one change reads the keystore, changes
 * it and renames the new file into place (milliseconds). Without it two nodes changing
 * credentials at once would each write their own change over the other's, and nodes starting
 * together on an empty volume would each create a keystore (and show an admin secret that
 * only one of them kept). A lock left by a crashed process is broken once it is older than
 * {@link #STALE_AFTER}. Readers take no lock: every version they can see is complete.
 */
final class KeystoreLock implements AutoCloseable {
    static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(60);

    private final Path file;

    private KeystoreLock(Path file) {
        this.file = file;
    }

    static KeystoreLock acquire(Path keystore) throws IOException {
        Path file = keystore.resolveSibling(keystore.getFileName() + ".lock");
        long deadline = System.nanoTime() + WAIT_AT_MOST.toNanos();
        long pauseMicros = 500;
        while (true) {
            try {
                Files.createFile(file);
                return new KeystoreLock(file);
            } catch (NoSuchFileException e) {
                Files.createDirectories(file.getParent());
            } catch (FileAlreadyExistsException e) {
                breakIfStale(file);
                if (System.nanoTime() > deadline) {
                    throw new IOException("the keystore has been locked by " + file + " for over " + WAIT_AT_MOST.toSeconds() + " s");
                }
                LockSupport.parkNanos(pauseMicros * 1000);
                pauseMicros = Math.min(pauseMicros * 2, 50_000);
            }
        }
    }

    private static void breakIfStale(Path file) {
        try {
            Instant created = Files.getLastModifiedTime(file).toInstant();
            if (created.plus(STALE_AFTER).isBefore(Instant.now())) Files.deleteIfExists(file);
        } catch (IOException e) {
            // Released meanwhile, or unreadable: the next attempt tells.
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
