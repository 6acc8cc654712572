package io.volumegate.objects;

import java.util.Optional;

/**
 * What became of one key of a bulk delete: deleted (also when it was not there, as in S3), or
 * the failure that the protocol reports for that key alone.
 */
public record KeyDeletion(String key, String versionId, Optional<Throwable> failure) {
    public boolean deleted() { return failure.isEmpty(); }
}
