package io.volumegate.s3;

import io.volumegate.http.VirtualHosts;

import java.util.List;

/**
 * Bucket and key of a request, from the RAW request URI. Path style: /bucket/key.
 * Virtual-host style: Host bucket.base-domain, path /key. Null bucket = the service;
 * null key = the bucket itself. A key holding a character S3's XML answers cannot carry is
 * refused here, before any operation (see {@link S3KeyCharacters}).
 */
public record S3Address(String bucket, String key) {
    public S3Address {
        if (key != null) S3KeyCharacters.check(key);
    }

    public static S3Address parse(String rawUri, String contextPath, String host, List<String> baseDomains) {
        String rawPath = rawUri.startsWith(contextPath) ? rawUri.substring(contextPath.length()) : rawUri;
        if (rawPath.isEmpty()) rawPath = "/";
        String virtualBucket = VirtualHosts.bucketOf(host, baseDomains);
        if (virtualBucket != null) {
            String key = PercentDecoding.path(rawPath.substring(1));
            return new S3Address(virtualBucket, key.isEmpty() ? null : key);
        }
        int slash = rawPath.indexOf('/', 1);
        String bucket = PercentDecoding.path(slash < 0 ? rawPath.substring(1) : rawPath.substring(1, slash));
        if (bucket.isEmpty()) return new S3Address(null, null);
        String key = slash < 0 ? "" : PercentDecoding.path(rawPath.substring(slash + 1));
        return new S3Address(bucket, key.isEmpty() ? null : key);
    }
}
