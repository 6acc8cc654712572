package io.volumegate.access.policy;

/**
 * A value of {@code IpAddress} / {@code NotIpAddress}: a CIDR block, IPv4 or IPv6; a bare address
 * is {@code /32} or {@code /128}. Host bits below the prefix are ignored, as they are by
 * {@code 203.0.113.7/24} meaning 203.0.113.0/24. A request from an IPv4-mapped IPv6 address (what
 * an IPv6 socket reports for an IPv4 client) matches the IPv4 blocks; otherwise a block matches
 * addresses of its own family only.
 */
record IpRange(boolean v6, long high, long low, int prefixLength) implements ValueMatcher {
    /** @throws MalformedPolicyException "Invalid IP address in Conditions" */
    static IpRange parse(String text) {
        int slash = text.indexOf('/');
        IpAddress address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) throw invalid();
        int bits = address.v6() ? 128 : 32;
        int prefix = slash < 0 ? bits : prefixLength(text.substring(slash + 1), bits);
        return new IpRange(address.v6(), address.high(), address.low(), prefix);
    }

    private static int prefixLength(String text, int bits) {
        if (text.isEmpty() || text.length() > 3) throw invalid();
        int prefix = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw invalid();
            prefix = prefix * 10 + (c - '0');
        }
        if (prefix > bits || (text.length() > 1 && text.charAt(0) == '0')) throw invalid();
        return prefix;
    }

    private static MalformedPolicyException invalid() {
        return new MalformedPolicyException(MalformedPolicyException.INVALID_IP);
    }

    @Override
    public boolean matches(String requestValue) {
        IpAddress address = IpAddress.parse(requestValue);
        if (address == null) return false;
        if (!v6) address = address.unmapped();
        if (address.v6() != v6) return false;
        if (!v6) return ((address.low() ^ low) & mask(prefixLength, 32)) == 0;
        return ((address.high() ^ high) & mask(prefixLength, 64)) == 0
                && ((address.low() ^ low) & mask(prefixLength - 64, 64)) == 0;
    }

    /** The top {@code ones} of {@code width} bits set (none when {@code ones <= 0}). */
    private static long mask(int ones, int width) {
        if (ones <= 0) return 0;
        if (ones >= 64) return -1L;
        long widthMask = width == 64 ? -1L : (1L << width) - 1;
        return (-1L << (width - ones)) & widthMask;
    }
}
