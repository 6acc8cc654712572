package io.volumegate.http;

import java.util.List;
import java.util.Locale;

/** Virtual-host addressing: the bucket named by a Host header of the form bucket.base-domain. */
public final class VirtualHosts {
    private VirtualHosts() {}

    /** The bucket in the Host header, or null for path-style requests. */
    public static String bucketOf(String host, List<String> baseDomains) {
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
