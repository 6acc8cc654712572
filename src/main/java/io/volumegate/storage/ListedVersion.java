package io.volumegate.storage;

import java.time.Instant;

/**
 * One version or delete marker in a listing of versions. A delete marker has no size or ETag.
 *
 * @param latest whether this is the key's latest version: the object, or the delete marker
 *               newer than every version while there is no object
 * @param owner  the owner recorded in the version's metadata; null when none is (and for delete markers)
 */
public record ListedVersion(String key, String versionId, boolean latest, boolean deleteMarker, long size,
                            Instant lastModified, String etag, String owner) {}
