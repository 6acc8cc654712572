package io.volumegate.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Where a request really came from and which address the client used, when it reached us
 * through trusted proxies: the scheme and {@code Host} the client sent (and signed, for
 * SigV4), and the client's address.
 *
 * <p>The rules:
 * <ul>
 *   <li>Nothing is believed unless the direct peer ({@code getRemoteAddr()}) is a trusted
 *       proxy. A client talking to us directly cannot forge any of it.</li>
 *   <li>{@code Forwarded} (RFC 7239) is used when present, else {@code X-Forwarded-For},
 *       {@code -Host}, {@code -Proto} and {@code -Port}. Each proxy appends one hop; the
 *       X-Forwarded lists are aligned from the right (the nearest proxy's value last).</li>
 *   <li>Hops are read from the nearest one outwards, and only as far as they were added by
 *       trusted proxies: the hop our peer added is believed; the one before it only if that
 *       hop's {@code for} address is a trusted proxy too, and so on. Values a client put in
 *       the headers itself are in hops no trusted proxy vouches for.</li>
 *   <li>Host and scheme come from the outermost believed hop that names them. A host that is
 *       not a plain {@code name[:port]} or {@code [ipv6][:port]}, or a scheme other than http
 *       or https, is ignored.</li>
 * </ul>
 *
 * @param scheme        {@code http} or {@code https}, or null to keep the request's own
 * @param host          the Host header the client sent ({@code name[:port]}), or null to keep the request's own
 * @param clientAddress the client's IP address, or null when unknown
 */
public record ForwardedOrigin(String scheme, String host, String clientAddress) {
    private static final Pattern HOST = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(:[0-9]{1,5})?");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    /**
     * The origin of a request from {@code peerAddress}, received over {@code requestScheme},
     * with these headers ({@code headers} gives all values of a header, in order, for a
     * case-insensitive name), or empty when no trusted proxy vouches for any of it.
     */
    public static Optional<ForwardedOrigin> resolve(String peerAddress, String requestScheme,
                                                    Function<String, List<String>> headers, TrustedProxies trusted) {
        if (!trusted.contains(peerAddress)) return Optional.empty();
        List<String> forwarded = headers.apply("Forwarded");
        List<Hop> hops = forwarded.isEmpty() ? xForwarded(headers) : forwardedHops(forwarded);
        if (hops.isEmpty()) return Optional.empty();

        int outermost = hops.size() - 1;
        while (outermost > 0 && trusted.contains(hops.get(outermost).forAddress())) outermost--;

        String scheme = null;
        String host = null;
        String port = null;
        for (int i = outermost; i < hops.size(); i++) {
            Hop hop = hops.get(i);
            if (scheme == null) scheme = hop.proto();
            if (host == null) {
                host = hop.host();
                port = hop.port();
            }
        }
        if (host != null && port != null && !hasPort(host) && !port.equals(defaultPort(scheme != null ? scheme : requestScheme))) {
            host = host + ':' + port;
        }
        String client = hops.get(outermost).forAddress();
        if (scheme == null && host == null && client == null) return Optional.empty();
        return Optional.of(new ForwardedOrigin(scheme, host, client));
    }

    /** One proxy's account of the request it received: from whom, for which host, over which scheme. */
    record Hop(String forAddress, String host, String proto, String port) {
        Hop {
            forAddress = address(forAddress);
            host = host == null || !HOST.matcher(host.trim()).matches() ? null : host.trim();
            proto = proto == null ? null : switch (proto.trim().toLowerCase(Locale.ROOT)) {
                case "http" -> "http";
                case "https" -> "https";
                default -> null;
            };
            port = port == null || !PORT.matcher(port.trim()).matches() ? null : port.trim();
        }
    }

    private static List<Hop> xForwarded(Function<String, List<String>> headers) {
        List<String> fors = list(headers.apply("X-Forwarded-For"));
        List<String> hosts = list(headers.apply("X-Forwarded-Host"));
        List<String> protos = list(headers.apply("X-Forwarded-Proto"));
        List<String> ports = list(headers.apply("X-Forwarded-Port"));
        int count = Math.max(Math.max(fors.size(), hosts.size()), Math.max(protos.size(), ports.size()));
        List<Hop> hops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            hops.add(new Hop(aligned(fors, i, count), aligned(hosts, i, count), aligned(protos, i, count), aligned(ports, i, count)));
        }
        return hops;
    }

    /** The value of hop {@code index} of {@code count}, the lists' last values belonging to the last hop. */
    private static String aligned(List<String> values, int index, int count) {
        int at = index - (count - values.size());
        return at >= 0 ? values.get(at) : null;
    }

    /** RFC 7239: elements separated by commas, pairs by semicolons, values tokens or quoted strings. */
    static List<Hop> forwardedHops(List<String> headerValues) {
        List<Hop> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : split(value, ',')) {
                String forAddress = null;
                String host = null;
                String proto = null;
                for (String pair : split(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) continue;
                    String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String content = unquote(pair.substring(eq + 1).trim());
                    switch (name) {
                        case "for" -> forAddress = content;
                        case "host" -> host = content;
                        case "proto" -> proto = content;
                        default -> { }
                    }
                }
                hops.add(new Hop(forAddress, host, proto, null));
            }
        }
        return hops;
    }

    /** Splits at {@code separator} outside double quotes; blank parts are dropped. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            if (c == '\\' && quoted && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == separator && !quoted) {
                if (!current.toString().isBlank()) parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) parts.add(current.toString().trim());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') return value;
        StringBuilder plain = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) c = value.charAt(++i);
            plain.append(c);
        }
        return plain.toString();
    }

    private static List<String> list(List<String> headerValues) {
        List<String> values = new ArrayList<>();
        for (String value : headerValues) {
            for (String part : value.split(",")) {
                values.add(part.trim());
            }
        }
        return values;
    }

    /**
     * The IP address in a {@code for} value: {@code 192.0.2.1}, {@code 192.0.2.1:4711},
     * {@code [2001:db8::1]:4711}, {@code 2001:db8::1}; anything else ({@code unknown},
     * {@code _hidden}) as it is, which no trusted range contains.
     */
    private static String address(String value) {
        if (value == null || value.isBlank()) return null;
        String text = value.trim();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            return close > 0 ? text.substring(1, close) : text;
        }
        int colon = text.indexOf(':');
        if (colon > 0 && colon == text.lastIndexOf(':')) return text.substring(0, colon); // IPv4 with a port
        return text;
    }

    private static boolean hasPort(String host) {
        int close = host.lastIndexOf(']');
        return host.indexOf(':', close + 1) >= 0;
    }

    private static String defaultPort(String scheme) {
        return "https".equals(scheme) ? "443" : "80";
    }

    /** The host without its port (IPv6 keeps its brackets). */
    public static String hostName(String host) {
        return hasPort(host) ? host.substring(0, host.lastIndexOf(':')) : host;
    }

    /** The port in {@code host}, else the scheme's default. */
    public static int port(String host, String scheme) {
        return hasPort(host) ? Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)) : Integer.parseInt(defaultPort(scheme));
    }
}
