package io.volumegate.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why the volume refused or could not carry out a request, in the storage layer's own terms.
 * Each protocol maps a {@link Reason} to its own error once, in one table (the S3 API to an
 * S3 error code, the management API to a JSON error), so no storage class knows either.
 * Carries no stack trace: these are answers, not failures of the server, and some are thrown
 * on hot paths.
 */
public final class StorageException extends RuntimeException {

    /** What went wrong, as a caller of the storage layer needs to tell its client. */
    public enum Reason {
        NO_SUCH_BUCKET,
        /** Creating a bucket that is already there. */
        BUCKET_EXISTS,
        /** Creating a bucket whose name a file in the volume root already has. */
        BUCKET_NAME_TAKEN,
        BUCKET_NOT_EMPTY,
        INVALID_BUCKET_NAME,
        NO_SUCH_KEY,
        /** A key the volume cannot hold as a path ('.', '..', empty segments, NUL). */
        INVALID_KEY,
        KEY_TOO_LONG,
        /** A key under the server's own reserved folder. */
        RESERVED_KEY,
        /** A key whose path leads out of the bucket (a symlinked parent). */
        OUTSIDE_BUCKET,
        /** A parent of the key is a file, so the key cannot be a file below it. */
        PARENT_IS_FILE,
        /** The key names a directory that holds other objects. */
        KEY_IS_DIRECTORY,
        /** A folder object ("a/") was given data. */
        DIRECTORY_OBJECT_WITH_DATA,
        /** A listing's continuation token that this server did not make. */
        INVALID_TOKEN,
        /** A version id this server cannot have made. */
        INVALID_VERSION_ID,
        /** A well-formed version id that the key has no version of. */
        NO_SUCH_VERSION,
        /** The content of a version that is a delete marker was asked for; facts name the marker. */
        VERSION_IS_DELETE_MARKER,
        /** A version under retention or legal hold was to be removed or its retention weakened. */
        OBJECT_LOCKED,
        /** An object lock request on a bucket without object lock. */
        NO_OBJECT_LOCK,
        /** A bucket setting that the bucket's state does not allow (suspending versioning under object lock). */
        INVALID_BUCKET_STATE,
        /** What the client claimed about the content (size, checksum mode) is not so. */
        INVALID_CLAIM,
        /** The content's checksum is not the one the client claimed. */
        CHECKSUM_MISMATCH,
        /** A copy onto the very object it copies, changing nothing. */
        COPY_ONTO_ITSELF,
        /** A copy source larger than one copy may take. */
        COPY_SOURCE_TOO_LARGE,
        /** A write condition (must not exist, must match an ETag) did not hold. */
        PRECONDITION_FAILED,
        /** Another writer held the key for too long; retrying may succeed. */
        CONFLICT,
        /** Another program holds a write lock on the object's file (fcntl/lockf), so it is left alone. */
        FILE_LOCKED,
        /** The file changed while it was being opened or read; retrying will see it as it is now. */
        CHANGED_WHILE_READ,
        NO_SUCH_UPLOAD,
        /** A completion named a part that is not staged, or with another ETag or checksum. */
        INVALID_PART,
        INVALID_PART_ORDER,
        INVALID_PART_NUMBER,
        /** A completion that lists no parts, or more than an upload can have. */
        INVALID_PART_LIST,
        /** A completion that leaves out a checksum the upload was created to require. */
        PART_CHECKSUM_MISSING,
        /** A part other than the last is smaller than the minimum part size. */
        PART_TOO_SMALL,
        TOO_LARGE,
        NO_SPACE,
        /** The write would take the bucket past its quota (bytes or objects); see {@link BucketQuota}. */
        QUOTA_EXCEEDED,
        /**
         * The filesystem refuses writes (EROFS: a volume or bucket directory mounted read-only,
         * or remounted so after an error). Reads go on.
         */
        READ_ONLY,
        /** A write cut off by the server's shutdown after its grace period: nothing of it was kept; retrying elsewhere may succeed. */
        SHUTTING_DOWN
    }

    /** Names of the {@link #facts()} some reasons carry. */
    public static final String PART_NUMBER = "partNumber";
    public static final String PROPOSED_SIZE = "proposedSize";
    public static final String MIN_SIZE = "minSize";
    /** The value a client gave that was refused (a version id, ...). */
    public static final String VALUE = "value";
    /** On NO_SUCH_KEY and VERSION_IS_DELETE_MARKER: the id of the delete marker that the key's latest version is. */
    public static final String DELETE_MARKER_VERSION_ID = "deleteMarkerVersionId";
    /** With {@link #DELETE_MARKER_VERSION_ID}: when the marker was made. */
    public static final String LAST_MODIFIED = "lastModified";

    private final Reason reason;
    private final Map<String, String> facts = new LinkedHashMap<>();

    public StorageException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() { return reason; }

    /** Adds a fact a client may be told (which part, what size, ...). */
    public StorageException with(String fact, Object value) {
        facts.put(fact, String.valueOf(value));
        return this;
    }

    public Map<String, String> facts() { return Collections.unmodifiableMap(facts); }

    public static StorageException noSuchKey() {
        return new StorageException(Reason.NO_SUCH_KEY, "The specified key does not exist.");
    }

    public static StorageException noSuchUpload() {
        return new StorageException(Reason.NO_SUCH_UPLOAD, "The specified multipart upload does not exist. The upload ID might"
                + " be invalid, or the multipart upload might have been aborted or completed.");
    }

    public static StorageException changedWhileRead() {
        return new StorageException(Reason.CHANGED_WHILE_READ, "The object changed while it was being read; retry the request.");
    }

    public static StorageException shuttingDown() {
        return new StorageException(Reason.SHUTTING_DOWN, "The server shut down before this request completed; nothing of it was kept. Retry the request.");
    }

    /**
     * The storage reason behind {@code failure}, if it has one: a {@link StorageException}
     * (also wrapped by a future), or a filesystem condition a client should be told about
     * (no space left, a read-only volume, a name the filesystem finds too long).
     */
    public static Optional<StorageException> classify(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StorageException storage) return Optional.of(storage);
        if (cause instanceof FileSystemException fs && fs.getReason() != null) return ofFilesystem(fs);
        if (cause instanceof IOException io && io.getMessage() != null && io.getClass() == IOException.class) {
            return ofMessage(io.getMessage()); // FileChannel.write reports ENOSPC as a plain IOException
        }
        return Optional.empty();
    }

    private static Optional<StorageException> ofFilesystem(FileSystemException fs) {
        return ofMessage(fs.getReason());
    }

    private static Optional<StorageException> ofMessage(String text) {
        String reason = text.toLowerCase(Locale.ROOT);
        if (reason.contains("no space left") || reason.contains("disk quota exceeded")) {
            return Optional.of(new StorageException(Reason.NO_SPACE, "The volume has no space left for this request."));
        }
        if (reason.contains("read-only file system")) {
            return Optional.of(new StorageException(Reason.READ_ONLY, "The volume is read-only on this server."));
        }
        if (reason.contains("file name too long")) {
            return Optional.of(new StorageException(Reason.KEY_TOO_LONG, "Your key is too long for the volume's filesystem."));
        }
        return Optional.empty();
    }
}
