package io.volumegate.objects;

import io.volumegate.storage.Deletion;

import java.util.Optional;

/**
 * What became of one key of a bulk delete: deleted (also when it was not there, as in S3),
 * with what the delete did to its versions, or the failure that the protocol reports for
 * that key alone.
 *
 * @param versionId the version the request named; null for none
 * @param deletion  what the delete did; null when it failed
 */
public record KeyDeletion(String key, String versionId, Deletion deletion, Optional<Throwable> failure) {
    static KeyDeletion done(ObjectRef ref, Deletion deletion) {
        return new KeyDeletion(ref.key(), ref.versionId(), deletion, Optional.empty());
    }

    static KeyDeletion failed(ObjectRef ref, Throwable failure) {
        return new KeyDeletion(ref.key(), ref.versionId(), null, Optional.of(failure));
    }

    public boolean deleted() { return failure.isEmpty(); }
}
