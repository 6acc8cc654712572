package io.volumegate.storage;

/** How strictly a version's retention holds (S3 object lock). */
public enum RetentionMode {
    /** Holds unless the caller may and does ask to bypass it. */
    GOVERNANCE,
    /** Holds for everybody until it ends; it can be extended, never shortened. */
    COMPLIANCE
}
