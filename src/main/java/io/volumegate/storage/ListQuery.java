package io.volumegate.storage;

/**
 * What to list: keys starting with {@code prefix}, strictly after {@code startAfter}, rolled
 * up at {@code delimiter}, at most {@code maxKeys} results (objects plus common prefixes).
 * An empty string means "none" for prefix, delimiter and startAfter; null is read as empty
 * so that callers can pass absent query parameters straight through.
 *
 * <p>{@code startAfter} is the single resume point for both S3 flavours: V2's start-after
 * and the key inside a continuation token, and V1's marker.
 */
public record ListQuery(String prefix, String delimiter, String startAfter, int maxKeys) {
    public static final int MAX_KEYS_LIMIT = 1000;

    public ListQuery {
        prefix = prefix == null ? "" : prefix;
        delimiter = delimiter == null ? "" : delimiter;
        startAfter = startAfter == null ? "" : startAfter;
        if (maxKeys < 0 || maxKeys > MAX_KEYS_LIMIT) {
            throw new IllegalArgumentException("maxKeys must be 0.." + MAX_KEYS_LIMIT + ": " + maxKeys);
        }
    }

    /** Everything in the bucket, one page of up to {@code maxKeys}. */
    public static ListQuery all(int maxKeys) {
        return new ListQuery("", "", "", maxKeys);
    }

    /** The same query resumed after {@code key} (typically a page's lastReturned). */
    public ListQuery resumeAfter(String key) {
        return new ListQuery(prefix, delimiter, key, maxKeys);
    }
}
