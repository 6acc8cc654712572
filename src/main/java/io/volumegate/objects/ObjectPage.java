package io.volumegate.objects;

import java.util.List;

/**
 * One page of a listing: objects and common prefixes in S3 key order. {@code lastReturned}
 * is where the next page resumes (the caller encodes it into its own continuation token).
 */
public record ObjectPage(List<ObjectSummary> objects, List<String> commonPrefixes, boolean truncated, String lastReturned) {
    public int count() { return objects.size() + commonPrefixes.size(); }
}
