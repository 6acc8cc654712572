package io.volumegate.storage.multipart;

import io.volumegate.storage.Utf8Order;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One page of ListMultipartUploads over a bucket's uploads in progress: by key in S3 order
 * (UTF-8 bytes), then by upload id, which is creation order; keys with the delimiter after
 * the prefix rolled up into common prefixes, each counted once against max-uploads.
 *
 * @param nextKeyMarker      the last key (or common prefix) on this page; resume with it
 * @param nextUploadIdMarker the last upload id on this page, null when the page ended on a prefix
 */
public record UploadListing(List<UploadManifest> uploads, List<String> commonPrefixes, boolean truncated,
                            String nextKeyMarker, String nextUploadIdMarker) {
    private static final Comparator<UploadManifest> S3_ORDER = Comparator.comparing(UploadManifest::key, Utf8Order.COMPARATOR)
            .thenComparing(upload -> upload.id().value());

    /**
     * @param keyMarker      resume after this key (empty: from the start); with
     *                       {@code uploadIdMarker}, resume after that upload of this key
     * @param uploadIdMarker only with {@code keyMarker}; empty when absent
     */
    public static UploadListing page(List<UploadManifest> all, String prefix, String delimiter, String keyMarker,
                                     String uploadIdMarker, int maxUploads) {
        List<UploadManifest> sorted = new ArrayList<>(all);
        sorted.sort(S3_ORDER);
        List<UploadManifest> uploads = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String nextKey = null;
        String nextId = null;
        boolean truncated = false;
        for (UploadManifest upload : sorted) {
            String key = upload.key();
            if (!key.startsWith(prefix) || !isAfterMarker(upload, keyMarker, uploadIdMarker)) continue;
            String rollup = commonPrefix(key, prefix, delimiter);
            if (rollup != null && (rollup.equals(keyMarker) || rollup.equals(nextKey))) continue; // listed already
            if (uploads.size() + prefixes.size() >= maxUploads) {
                truncated = maxUploads > 0;
                break;
            }
            if (rollup != null) {
                prefixes.add(rollup);
                nextKey = rollup;
                nextId = null;
            } else {
                uploads.add(upload);
                nextKey = key;
                nextId = upload.id().value();
            }
        }
        return new UploadListing(uploads, prefixes, truncated, nextKey, nextId);
    }

    private static boolean isAfterMarker(UploadManifest upload, String keyMarker, String uploadIdMarker) {
        if (keyMarker.isEmpty()) return true;
        int byKey = Utf8Order.compare(upload.key(), keyMarker);
        if (byKey != 0) return byKey > 0;
        return !uploadIdMarker.isEmpty() && upload.id().value().compareTo(uploadIdMarker) > 0;
    }

    /** The key's common prefix (through the first delimiter after the prefix), or null. */
    private static String commonPrefix(String key, String prefix, String delimiter) {
        if (delimiter.isEmpty()) return null;
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? null : key.substring(0, at + delimiter.length());
    }
}
