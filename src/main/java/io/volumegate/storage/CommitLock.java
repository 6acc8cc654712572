package io.volumegate.storage;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Serialises the short "check, then rename" step of writes to one key, across threads AND
 * across nodes that share the volume: a {@link LockFile} per key in the bucket's reserved
 * folder. It is held for milliseconds (a stat and a rename), never while a body streams.
 */
public final class CommitLock implements AutoCloseable {
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(10);

    private final LockFile file;

    private CommitLock(LockFile file) {
        this.file = file;
    }

    /**
     * @param name what the lock guards: an object key, or any name that cannot be one
     *             (multipart staging locks its parts as {@code upload/<id>/<part>})
     */
    public static CommitLock acquire(Path locksDirectory, String name) throws IOException {
        try {
            return new CommitLock(LockFile.acquire(locksDirectory.resolve(hash(name)), WAIT_AT_MOST));
        } catch (LockFile.TimeoutException e) {
            throw new StorageException(StorageException.Reason.CONFLICT,
                    "A conflicting operation occurred on this key. Retry the request.");
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
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
