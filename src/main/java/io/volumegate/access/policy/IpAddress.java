package io.volumegate.access.policy;

/**
 * An IPv4 or IPv6 address as 128 bits ({@code high}, {@code low}; an IPv4 address is the low 32),
 * parsed from its text by hand: {@code InetAddress.getByName} would resolve a host name, a DNS
 * query on the request path. Strict: dotted quads without leading zeros, IPv6 in RFC 4291 text
 * (at most one {@code ::}, an optional dotted-quad tail), no zone, no brackets.
 */
record IpAddress(boolean v6, long high, long low) {
    private static final long V4_MAPPED = 0xffffL;

    /** The address, or null when the text is none. */
    static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) return parseV6(text);
        long v4 = parseV4(text, 0, text.length());
        return v4 < 0 ? null : new IpAddress(false, 0, v4);
    }

    /** An IPv4 address an IPv6 socket reports ({@code ::ffff:203.0.113.7}) as the IPv4 it is. */
    IpAddress unmapped() {
        return v6 && high == 0 && (low >>> 32) == V4_MAPPED ? new IpAddress(false, 0, low & 0xffffffffL) : this;
    }

    /** Dotted quad in {@code text[from, to)} as an unsigned 32-bit value, or -1. */
    private static long parseV4(String text, int from, int to) {
        long value = 0;
        int parts = 0;
        int i = from;
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < to && i - start < 3 && isDigit(text.charAt(i))) {
                part = part * 10 + (text.charAt(i) - '0');
                i++;
            }
            int length = i - start;
            if (length == 0 || part > 255 || (length > 1 && text.charAt(start) == '0')) return -1;
            value = (value << 8) | part;
            parts++;
            if (parts < 4) {
                if (i >= to || text.charAt(i) != '.') return -1;
                i++;
            }
        }
        return i == to ? value : -1;
    }

    private static IpAddress parseV6(String text) {
        int length = text.length();
        if (length < 2 || length > 45) return null;
        int[] groups = new int[8];
        int count = 0;
        int gapAt = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gapAt = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            int start = i;
            while (i < length && (isDigit(text.charAt(i)) || isHexLetter(text.charAt(i)))) i++;
            if (i < length && text.charAt(i) == '.') {
                // A dotted-quad tail stands for the last two groups.
                long v4 = parseV4(text, start, length);
                if (v4 < 0 || count > 6) return null;
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = length;
                break;
            }
            if (i == start || i - start > 4 || count == 8) return null;
            groups[count++] = Integer.parseInt(text, start, i, 16);
            if (i == length) break;
            if (text.charAt(i) != ':') return null;
            i++;
            if (i < length && text.charAt(i) == ':') {
                if (gapAt >= 0) return null;
                gapAt = count;
                i++;
            } else if (i == length) {
                return null;
            }
        }
        if (gapAt >= 0 ? count == 8 : count != 8) return null;
        return new IpAddress(true, bits(groups, count, gapAt, 0), bits(groups, count, gapAt, 4));
    }

    /** Four groups from {@code first}, the groups after the gap moved to the end. */
    private static long bits(int[] groups, int count, int gapAt, int first) {
        int tail = gapAt < 0 ? 0 : count - gapAt;
        long value = 0;
        for (int position = first; position < first + 4; position++) {
            int group;
            if (gapAt < 0 || position < gapAt) group = groups[position];
            else if (position >= 8 - tail) group = groups[gapAt + position - (8 - tail)];
            else group = 0;
            value = (value << 16) | group;
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexLetter(char c) {
        return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
