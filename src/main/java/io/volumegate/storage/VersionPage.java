package io.volumegate.storage;

import java.util.List;

/**
 * One page of a listing of versions, in S3 order: keys in key order, each key's versions
 * newest first. A truncated page names where the next one starts: after version
 * {@code nextVersionIdMarker} of key {@code nextKeyMarker}, or after the common prefix
 * {@code nextKeyMarker} when the page ended on one (then {@code nextVersionIdMarker} is null).
 */
public record VersionPage(List<ListedVersion> versions, List<String> commonPrefixes, boolean truncated,
                          String nextKeyMarker, String nextVersionIdMarker) {
    public VersionPage {
        versions = List.copyOf(versions);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
