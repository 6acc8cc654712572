package io.volumegate.s3;

import java.util.List;
import java.util.Locale;

/**
 * Bucket and key of a request, from the RAW request URI. Path style: /bucket/key.
 * Virtual-host style: Host bucket.base-domain, path /key. Null bucket = the service;
 * null key = the bucket itself.
 */
public record S3Address(String bucket, String key) {

    public static S3Address parse(String rawUri, String contextPath, String host, List<String> baseDomains) {
        String rawPath = rawUri.startsWith(contextPath) ? rawUri.substring(contextPath.length()) : rawUri;
        if (rawPath.isEmpty()) rawPath = "/";
        String virtualBucket = virtualHostBucket(host, baseDomains);
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

    private static String virtualHostBucket(String host, List<String> baseDomains) {
        if (host == null || baseDomains.isEmpty()) return null;
        String name = stripPort(host).toLowerCase(Locale.ROOT);
        for (String domain : baseDomains) {
            String suffix = "." + domain.toLowerCase(Locale.ROOT);
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return null;
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) return host; // IPv6 literal: never a virtual host
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
