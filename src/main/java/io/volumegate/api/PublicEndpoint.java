package io.volumegate.api;

import java.net.URI;
import java.util.Locale;

/**
 * The configured public endpoint ({@code volumegate.public-endpoint}) split the way URLs we
 * hand out need it: origin ({@code scheme://host[:port]}), the Host value clients will send
 * (default ports left out, as clients leave them out of Host), and the path prefix the
 * server lives under (no trailing slash).
 */
public record PublicEndpoint(String origin, String host, String path) {
    public static PublicEndpoint of(String configured) {
        URI uri = URI.create(configured.strip());
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        String host = uri.getHost() + (defaultPort ? "" : ":" + port);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        return new PublicEndpoint(scheme + "://" + host, host, path);
    }

    /** The absolute URL of a path on this endpoint. */
    String url(String rawPathAndQuery) {
        return origin + path + rawPathAndQuery;
    }
}
