package io.volumegate.storage;

/**
 * What ListObjectVersions asks for: keys starting with {@code prefix}, rolled up at
 * {@code delimiter}, after {@code keyMarker} (or, with {@code versionIdMarker}, after that
 * version of {@code keyMarker}), at most {@code maxKeys} versions, delete markers and common
 * prefixes together. Empty strings mean "none"; null is read as empty.
 */
public record VersionQuery(String prefix, String delimiter, String keyMarker, String versionIdMarker, int maxKeys) {
    public VersionQuery {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null ? "" : delimiter;
        keyMarker = keyMarker == null ? "" : keyMarker;
        versionIdMarker = versionIdMarker == null ? "" : versionIdMarker;
        if (maxKeys < 0 || maxKeys > ListQuery.MAX_KEYS_LIMIT) {
            throw new IllegalArgumentException("maxKeys must be 0.." + ListQuery.MAX_KEYS_LIMIT + ": " + maxKeys);
        }
    }
}
