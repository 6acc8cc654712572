package io.volumegate.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedProxiesTest {
    @Test
    void noneByDefault() {
        TrustedProxies none = TrustedProxies.parse("");
        assertTrue(none.isEmpty());
        assertFalse(none.contains("127.0.0.1"));
        assertEquals("none", none.toString());
        assertTrue(TrustedProxies.parse(" , ").isEmpty());
    }

    @Test
    void singleAddressesAndRanges() {
        TrustedProxies trusted = TrustedProxies.parse("10.0.0.0/8, 192.168.1.10 ,172.16.0.0/12");
        assertTrue(trusted.contains("10.0.0.1"));
        assertTrue(trusted.contains("10.255.255.255"));
        assertFalse(trusted.contains("11.0.0.1"));
        assertTrue(trusted.contains("192.168.1.10"));
        assertFalse(trusted.contains("192.168.1.11"));
        assertTrue(trusted.contains("172.31.255.255"));
        assertFalse(trusted.contains("172.32.0.0"));
        assertFalse(trusted.contains("172.15.255.255"));
    }

    @Test
    void prefixLengthsThatAreNotWholeBytes() {
        TrustedProxies trusted = TrustedProxies.parse("192.168.4.0/22");
        assertTrue(trusted.contains("192.168.4.0"));
        assertTrue(trusted.contains("192.168.7.255"));
        assertFalse(trusted.contains("192.168.8.0"));
        assertFalse(trusted.contains("192.168.3.255"));
        assertTrue(TrustedProxies.parse("0.0.0.0/0").contains("203.0.113.9"));
    }

    @Test
    void ipv6WithOrWithoutBracketsAndZone() {
        TrustedProxies trusted = TrustedProxies.parse("fd00::/8,::1");
        assertTrue(trusted.contains("fd12:3456::1"));
        assertTrue(trusted.contains("[fd12:3456::1]"));
        assertTrue(trusted.contains("::1"));
        assertTrue(trusted.contains("0:0:0:0:0:0:0:1"));
        assertTrue(trusted.contains("fd00::1%eth0"));
        assertFalse(trusted.contains("fe80::1"));
        assertFalse(trusted.contains("127.0.0.1"), "an IPv4 address is not in an IPv6 range");
    }

    @Test
    void ipv4MappedAddressesCountAsIpv4() {
        TrustedProxies trusted = TrustedProxies.parse("10.0.0.0/8");
        assertTrue(trusted.contains("::ffff:10.1.2.3"));
        assertFalse(trusted.contains("::ffff:11.1.2.3"));
    }

    @Test
    void anythingButAnIpLiteralIsNotTrusted() {
        TrustedProxies trusted = TrustedProxies.parse("0.0.0.0/0,::/0");
        for (String notAnAddress : new String[] {null, "", "unknown", "_hidden", "localhost", "proxy.example.com",
                "10.0.0.1:8080", "999.1.1.1", "1.2.3"}) {
            assertFalse(trusted.contains(notAnAddress), String.valueOf(notAnAddress));
        }
    }

    @Test
    void malformedEntriesAreRefusedWithTheSettingsName() {
        for (String bad : new String[] {"proxy.example.com", "10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "10.0.0/8", "10.0.0.1/-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("volumegate.trusted-proxies"), e.getMessage());
        }
    }
}
