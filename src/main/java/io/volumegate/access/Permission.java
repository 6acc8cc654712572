package io.volumegate.access;

/** What an ACL grant allows, as S3 names it; {@link #FULL_CONTROL} includes the other four. */
public enum Permission {
    READ, WRITE, READ_ACP, WRITE_ACP, FULL_CONTROL;

    /** Whether a grant of this permission allows {@code needed}. */
    public boolean includes(Permission needed) {
        return this == needed || this == FULL_CONTROL;
    }
}
