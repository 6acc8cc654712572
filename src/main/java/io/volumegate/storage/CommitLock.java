package io.volumegate.storage;

import io.volumegate.http.S3Error;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;

/**
 * Serialises the short "check, then rename" step of writes to one key, across threads AND
 * across nodes that share the volume: the lock is a file created with O_EXCL in the
 * bucket's reserved folder, so no in-memory state is needed. It is held for milliseconds
 * (a stat and a rename), never while a body streams. A lock left by a crashed process is
 * broken once it is older than {@link #STALE_AFTER}.
 */
public final class CommitLock implements AutoCloseable {
    private static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(10);

    private final Path file;

    private CommitLock(Path file) {
        this.file = file;
    }

    /**
     * @param name what the lock guards: an object key, or any name that cannot be one
     *             (multipart staging locks its parts as {@code upload/<id>/<part>})
     */
    public static CommitLock acquire(Path locksDirectory, String name) throws IOException {
        Path file = locksDirectory.resolve(hash(name));
        long deadline = System.nanoTime() + WAIT_AT_MOST.toNanos();
        long pauseMicros = 200;
        while (true) {
            try {
                Files.createFile(file);
                return new CommitLock(file);
            } catch (NoSuchFileException e) {
                Files.createDirectories(locksDirectory);
            } catch (FileAlreadyExistsException e) {
                breakIfStale(file);
                if (System.nanoTime() > deadline) {
                    throw S3Error.CONDITIONAL_REQUEST_CONFLICT.exception();
                }
                LockSupport.parkNanos(pauseMicros * 1000);
                pauseMicros = Math.min(pauseMicros * 2, 20_000);
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

    private static String hash(String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
