package io.volumegate.storage;

/**
 * What a delete did, as S3 reports it: which version it removed or made, and whether that is
 * a delete marker. Both empty for a delete in a bucket that never had versioning.
 *
 * @param versionId the version removed, or the id of the delete marker made; null outside versioning
 */
public record Deletion(String versionId, boolean deleteMarker) {
    public static final Deletion UNVERSIONED = new Deletion(null, false);
}
