package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Decides whether a symbolic link inside a bucket leads to something S3 may see: its real
 * target must lie inside the bucket's real path and outside the reserved folder (a link to
 * {@code .volumegate} would otherwise publish staging files and bucket configuration).
 * A link that fails this check, dangles or loops does not exist for S3.
 */
final class BucketBoundary {
    /** Per-bucket folder for VolumeGate's own state; never listed, never descended. */
    static final String RESERVED_FOLDER = ".volumegate";

    private final Path realRoot;
    private final Path realReserved;

    private BucketBoundary(Path realRoot) {
        this.realRoot = realRoot;
        this.realReserved = realRoot.resolve(RESERVED_FOLDER);
    }

    /** @throws java.nio.file.NoSuchFileException when the bucket directory does not exist */
    static BucketBoundary of(Path bucketRoot) throws IOException {
        return new BucketBoundary(bucketRoot.toRealPath());
    }

    Path realRoot() { return realRoot; }

    /** The link's real target when S3 may see it, else null. */
    Path realTargetInside(Path link) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException danglingLoopingOrUnreadable) {
            return null;
        }
        if (!target.startsWith(realRoot) || target.startsWith(realReserved)) {
            return null;
        }
        return target;
    }
}
