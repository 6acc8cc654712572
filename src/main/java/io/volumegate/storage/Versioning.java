package io.volumegate.storage;

/**
 * A bucket's versioning state. A bucket starts {@link #UNVERSIONED}; once enabled it can only
 * be {@link #ENABLED} or {@link #SUSPENDED}, as in S3.
 */
public enum Versioning {
    /** Every write replaces the object; no history is kept. */
    UNVERSIONED,
    /** Every write and delete keeps the previous version in the key's history. */
    ENABLED,
    /** Writes make the "null" version, replacing the previous null version; older versions stay. */
    SUSPENDED
}
