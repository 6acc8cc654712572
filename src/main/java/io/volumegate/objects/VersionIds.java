package io.volumegate.objects;

import io.volumegate.storage.StorageException;

/**
 * Version ids a request may name. There are no versions yet: every object is the "null"
 * version, so a request naming any other id must be refused, never served or applied to the
 * current object (a DELETE of an old version would otherwise delete the live one).
 */
public final class VersionIds {
    /** The id of the one version an object has while its bucket is not versioned. */
    public static final String NULL = "null";

    private VersionIds() {}

    /** @throws StorageException INVALID_VERSION_ID unless {@code versionId} is absent or "null" */
    public static void requireCurrent(String versionId) {
        if (versionId != null && !versionId.equals(NULL)) {
            throw new StorageException(StorageException.Reason.INVALID_VERSION_ID, "Invalid version id specified")
                    .with(StorageException.VALUE, versionId);
        }
    }
}
