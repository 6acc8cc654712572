package io.volumegate.storage;

import java.time.Instant;

/**
 * What object lock keeps: a version under a legal hold, or with a retention date still ahead,
 * is not removed. A GOVERNANCE retention gives way to a caller who may and does ask to bypass
 * it; COMPLIANCE gives way to nobody.
 */
public final class Retention {
    private Retention() {}

    /** @throws StorageException OBJECT_LOCKED when {@code metadata}'s version may not be removed now */
    public static void requireRemovable(ObjectMetadata metadata, Instant now, boolean bypassGovernance) {
        if (metadata.legalHold()) throw locked("The version is under a legal hold.");
        if (isRetained(metadata, now) && (metadata.lockMode() == RetentionMode.COMPLIANCE || !bypassGovernance)) {
            throw locked("The version is under " + metadata.lockMode() + " retention until " + metadata.retainUntil() + ".");
        }
    }

    /**
     * Whether a version's retention may become {@code mode} until {@code until}: extending
     * always; shortening or changing the mode of a COMPLIANCE retention never; of a GOVERNANCE
     * retention only with {@code bypassGovernance}.
     *
     * @throws StorageException OBJECT_LOCKED when it may not
     */
    public static void requireChangeAllowed(ObjectMetadata metadata, RetentionMode mode, Instant until, Instant now,
                                            boolean bypassGovernance) {
        if (!isRetained(metadata, now)) return;
        boolean weakens = until == null || until.isBefore(metadata.retainUntil()) || mode != metadata.lockMode();
        if (!weakens) return;
        if (metadata.lockMode() == RetentionMode.COMPLIANCE || !bypassGovernance) {
            throw locked("The version's " + metadata.lockMode() + " retention can only be extended.");
        }
    }

    /** Whether a retention date is still ahead of {@code now}. */
    public static boolean isRetained(ObjectMetadata metadata, Instant now) {
        return metadata.retainUntil() != null && metadata.retainUntil().isAfter(now);
    }

    public static StorageException locked(String why) {
        return new StorageException(StorageException.Reason.OBJECT_LOCKED, "Access Denied because object protected by object lock. " + why);
    }
}
