package io.volumegate.access.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIDR blocks of IpAddress / NotIpAddress, IPv4 and IPv6, and the addresses they hold. */
class IpRangeTest {
    private static boolean contains(String block, String address) {
        return IpRange.parse(block).matches(address);
    }

    @ParameterizedTest
    @CsvSource({
            "203.0.113.0/24, 203.0.113.0, true", "203.0.113.0/24, 203.0.113.255, true",
            "203.0.113.0/24, 203.0.112.255, false", "203.0.113.0/24, 203.0.114.0, false",
            "203.0.113.7/24, 203.0.113.200, true",
            "203.0.113.7, 203.0.113.7, true", "203.0.113.7, 203.0.113.8, false",
            "203.0.113.7/32, 203.0.113.7, true", "203.0.113.7/31, 203.0.113.6, true", "203.0.113.7/31, 203.0.113.8, false",
            "0.0.0.0/0, 255.255.255.255, true", "0.0.0.0/0, 0.0.0.0, true", "0.0.0.0/0, ::1, false",
            "128.0.0.0/1, 127.255.255.255, false", "128.0.0.0/1, 128.0.0.0, true",
            "10.0.0.0/8, 10.255.255.255, true", "10.0.0.0/8, 11.0.0.0, false",
            "255.255.255.255/32, 255.255.255.255, true",
    })
    void ipv4Blocks(String block, String address, boolean inside) {
        assertEquals(inside, contains(block, address));
    }

    @ParameterizedTest
    @CsvSource({
            "2001:db8::/32, 2001:db8::1, true", "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
            "2001:db8::/32, 2001:db9::, false", "2001:DB8::/32, 2001:db8:0:0:0:0:0:7, true",
            "2001:db8::1, 2001:0db8:0000:0000:0000:0000:0000:0001, true", "2001:db8::1, 2001:db8::2, false",
            "2001:db8::1/128, 2001:db8::1, true",
            "2001:db8:0:0:8000::/65, 2001:db8::8000:0:0:0, true", "2001:db8:0:0:8000::/65, 2001:db8::7fff:0:0:0, false",
            "2001:db8::/64, 2001:db8::ffff:ffff:ffff:ffff, true", "2001:db8::/64, 2001:db8:0:1::, false",
            "::/0, ::, true", "::/0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true", "::/0, 10.0.0.1, false",
            "::1, ::1, true", "::, ::, true", "fe80::/10, febf::1, true", "fe80::/10, fec0::1, false",
            "::ffff:0:0/96, ::ffff:10.0.0.1, true", "1::, 1:0:0:0:0:0:0:0, true", "1:2:3:4:5:6::8, 1:2:3:4:5:6:0:8, true",
            "::2:3:4:5:6:7:8, 0:2:3:4:5:6:7:8, true",
    })
    void ipv6Blocks(String block, String address, boolean inside) {
        assertEquals(inside, contains(block, address));
    }

    /** What an IPv6 socket reports for an IPv4 client is that client, for IPv4 blocks. */
    @Test
    void anIpv4MappedAddressIsItsIpv4Address() {
        assertTrue(contains("203.0.113.0/24", "::ffff:203.0.113.9"));
        assertTrue(contains("203.0.113.0/24", "::FFFF:cb00:7109"));
        assertFalse(contains("203.0.113.0/24", "::ffff:203.0.114.9"));
        assertFalse(contains("203.0.113.0/24", "::203.0.113.9"));
    }

    @Test
    void requestValuesThatAreNoAddressMatchNothing() {
        for (String address : new String[] {"", "localhost", "203.0.113", "203.0.113.1/32", "[::1]", "::1%lo", "203.0.113.01"}) {
            assertFalse(contains("0.0.0.0/0", address), address);
            assertFalse(contains("::/0", address), address);
        }
    }

    @Test
    void addressesParseExactly() {
        IpAddress v6 = IpAddress.parse("2001:db8:85a3::8a2e:370:7334");
        assertEquals(0x20010db885a30000L, v6.high());
        assertEquals(0x00008a2e03707334L, v6.low());
        IpAddress v4 = IpAddress.parse("192.0.2.33");
        assertFalse(v4.v6());
        assertEquals(0xc0000221L, v4.low());
        IpAddress embedded = IpAddress.parse("64:ff9b::192.0.2.33");
        assertEquals(0x0064ff9b00000000L, embedded.high());
        assertEquals(0x00000000c0000221L, embedded.low());
        assertNull(IpAddress.parse("1:2:3:4:5:6:7:1.2.3.4"));
        assertEquals(0xffffffffffffffffL, IpAddress.parse("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255").low());
    }

    @Test
    void theBlockKnowsItsBreadth() {
        assertEquals(32, IpRange.parse("10.0.0.1").prefixLength());
        assertEquals(128, IpRange.parse("::1").prefixLength());
        assertEquals(0, IpRange.parse("::/0").prefixLength());
        assertTrue(IpRange.parse("::/0").v6());
    }
}
