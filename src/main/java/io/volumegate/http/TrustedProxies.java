package io.volumegate.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The reverse proxies and load balancers whose forwarding headers we believe
 * ({@code volumegate.trusted-proxies}): IP addresses and CIDR ranges, IPv4 or IPv6. Only
 * literal addresses: a host name would need a DNS lookup on every request, and DNS is
 * not a trust anchor.
 */
public final class TrustedProxies {
    public static final TrustedProxies NONE = new TrustedProxies("", List.of());

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final String source;
    private final List<Range> ranges;

    private TrustedProxies(String source, List<Range> ranges) {
        this.source = source;
        this.ranges = ranges;
    }

    /**
     * Parses a comma-separated list such as {@code 10.0.0.0/8, 192.168.1.10, fd00::/8}.
     *
     * @throws IllegalArgumentException for an entry that is not an IP address or CIDR range
     */
    public static TrustedProxies parse(String value) {
        return parse(value, "volumegate.trusted-proxies");
    }

    /**
     * Parses another setting's list of addresses and ranges (an allow-list), naming
     * {@code setting} in the error.
     */
    public static TrustedProxies parse(String value, String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) continue;
            ranges.add(Range.parse(trimmed, setting));
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(value, List.copyOf(ranges));
    }

    /** The text this was parsed from. */
    public String source() { return source; }

    public boolean isEmpty() { return ranges.isEmpty(); }

    /**
     * Whether {@code address} (an IP literal, IPv6 with or without brackets; as
     * {@code getRemoteAddr()} or a {@code Forwarded: for=} value gives it, port already
     * removed) is one of ours. Anything that is not an IP literal ({@code unknown},
     * obfuscated identifiers, host names) is not.
     */
    public boolean contains(String address) {
        if (ranges.isEmpty() || address == null) return false;
        byte[] bytes = literal(address);
        if (bytes == null) return false;
        for (Range range : ranges) {
            if (range.contains(bytes)) return true;
        }
        return false;
    }

    @Override
    public String toString() { return ranges.isEmpty() ? "none" : String.join(", ", ranges.stream().map(Range::toString).toList()); }

    /** The address's bytes (4 for IPv4, IPv4-mapped IPv6 included; 16 for IPv6), or null. */
    static byte[] literal(String address) {
        String text = address.trim();
        if (text.startsWith("[") && text.endsWith("]")) text = text.substring(1, text.length() - 1);
        int zone = text.indexOf('%');
        if (zone >= 0) text = text.substring(0, zone);
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) return null;
        try {
            // A literal: InetAddress parses it without any lookup.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private record Range(byte[] network, int prefixBits, String text) {
        static Range parse(String entry, String setting) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = literal(address);
            if (network == null) {
                throw new IllegalArgumentException(setting + ": not an IP address or CIDR range: " + entry);
            }
            int bits = network.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1).trim());
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(setting + ": bad prefix length in " + entry);
                }
            }
            return new Range(network, prefix, entry);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int full = prefixBits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) return false;
            }
            int rest = prefixBits % 8;
            if (rest == 0) return true;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() { return text; }
    }
}
