package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * The space writes leave free on the filesystem a bucket's directory is on. A write whose
 * size is known up front is refused (NO_SPACE) before any byte of it is read when it would
 * eat into the reserve, so a client learns at once instead of after sending gigabytes; one
 * of unknown size only once the reserve is reached. Writes that get past this check and still
 * find the disk full (concurrent writers, other programs) fail with NO_SPACE mid-write, and
 * leave nothing behind (see {@link Bucket#commit}).
 */
final class SpaceReserve {
    private final Path directory;
    private final LongSupplier reserveBytes;
    /**
     * Found once (finding it scans the mount table); {@link FileStore#getUsableSpace} still asks
     * statvfs(2) of the path at every call, once per write, not per chunk.
     */
    private volatile FileStore store;

    SpaceReserve(Path directory, LongSupplier reserveBytes) {
        this.directory = directory;
        this.reserveBytes = reserveBytes;
    }

    /** @param bytes the size about to be written; -1 when not known yet */
    void require(long bytes) throws IOException {
        long usable = store().getUsableSpace();
        long needed = Math.max(bytes, 0);
        long reserve = Math.max(reserveBytes.getAsLong(), 0);
        if (usable - reserve < needed || (bytes < 0 && usable <= reserve)) {
            throw new StorageException(StorageException.Reason.NO_SPACE,
                    "There is not enough space left on the volume for this request.");
        }
    }

    private FileStore store() throws IOException {
        FileStore known = store;
        if (known == null) {
            known = Files.getFileStore(directory);
            store = known;
        }
        return known;
    }
}
