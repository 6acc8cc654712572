package io.volumegate.api;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where clients reach this server, split the way URLs we hand out need it: origin
 * ({@code scheme://host[:port]}), the Host value clients will send (default ports left out,
 * as clients leave them out of Host), and the path prefix the server lives under (no
 * trailing slash). Either configured ({@code volumegate.public-endpoint}) or the address a
 * request came to ({@link #addressedBy}).
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

    /** A Host value: a name, IPv4 or bracketed IPv6 address, and an optional port; nothing that could bend a URL. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    /**
     * The endpoint a request addressed: its scheme and Host as the client sent them (or as
     * trusted proxies forwarded them: {@code http.ForwardedRequest} answers for those), and the
     * context path. A presigned URL for this endpoint is signed for the very Host it will come
     * back with, so it verifies on any node behind the same address.
     */
    public static PublicEndpoint addressedBy(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String host = request.getHeader("Host");
        if (host == null || !HOST.matcher(host.strip()).matches()) {
            String name = request.getServerName();
            host = (name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name) + ":" + request.getServerPort();
        }
        return of(scheme + "://" + host.strip() + request.getContextPath());
    }

    /** The absolute URL of a path on this endpoint. */
    public String url(String rawPathAndQuery) {
        return origin + path + rawPathAndQuery;
    }
}
