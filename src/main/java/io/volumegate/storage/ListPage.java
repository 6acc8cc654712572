package io.volumegate.storage;

import java.util.List;

/**
 * One page of a listing. {@code lastReturned} is the greatest key or common prefix in the
 * page, in S3 order: the resume point that the caller encodes into a continuation token
 * (or returns as NextMarker) and passes back as {@link ListQuery#startAfter()}. It is ""
 * for an empty page, which is never truncated.
 */
public record ListPage(List<ListedObject> objects, List<String> commonPrefixes, boolean truncated, String lastReturned) {
    public static final ListPage EMPTY = new ListPage(List.of(), List.of(), false, "");

    public ListPage {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
        lastReturned = lastReturned == null ? "" : lastReturned;
    }
}
