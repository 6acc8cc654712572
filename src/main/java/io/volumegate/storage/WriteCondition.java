package io.volumegate.storage;

import java.util.Optional;

/**
 * Preconditions of a conditional write (If-None-Match: * / If-Match), checked under the
 * key's commit lock so that of two racing writers exactly one can win. Callers may also
 * check one early, before a body is read, so that a doomed upload is refused at once.
 */
public record WriteCondition(boolean mustNotExist, String mustMatchEtag) {
    public static final WriteCondition NONE = new WriteCondition(false, null);

    public boolean isNone() { return !mustNotExist && mustMatchEtag == null; }

    /**
     * Holds the condition against the object now at the key.
     *
     * @throws StorageException PRECONDITION_FAILED, or NO_SUCH_KEY when an ETag must match
     *                          and there is no object
     */
    public void check(Optional<StoredObject> current) {
        if (mustNotExist && current.isPresent()) throw preconditionFailed();
        if (mustMatchEtag != null) {
            if (current.isEmpty()) throw StorageException.noSuchKey();
            if (!EtagConditions.matchesAny(mustMatchEtag, current.get().etag())) throw preconditionFailed();
        }
    }

    private static StorageException preconditionFailed() {
        return new StorageException(StorageException.Reason.PRECONDITION_FAILED,
                "At least one of the pre-conditions you specified did not hold.");
    }
}
