package io.volumegate.storage;

/**
 * Preconditions of a conditional write (If-None-Match: * / If-Match), checked under the
 * key's commit lock so that of two racing writers exactly one can win.
 */
public record WriteCondition(boolean mustNotExist, String mustMatchEtag) {
    public static final WriteCondition NONE = new WriteCondition(false, null);

    public boolean isNone() { return !mustNotExist && mustMatchEtag == null; }
}
