package io.volumegate.ops;

import io.volumegate.http.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may read the metrics: an address on the allow-list, or the bearer token from anywhere. */
class MetricsServletTest {
    private static final TrustedProxies LOOPBACK = TrustedProxies.parse("127.0.0.0/8,::1");

    private static HttpServletRequest from(String address, String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(MetricsServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> address;
                    case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                    default -> null;
                });
    }

    @Test
    void theAllowListAdmitsWithoutAToken() {
        MetricsServlet servlet = new MetricsServlet(null, LOOPBACK, "");
        assertTrue(servlet.admits(from("127.0.0.1", null)));
        assertTrue(servlet.admits(from("0:0:0:0:0:0:0:1", null)));
        assertFalse(servlet.admits(from("203.0.113.9", null)));
        assertFalse(servlet.admits(from("203.0.113.9", "Bearer ")), "no token configured: none is accepted");
    }

    @Test
    void theTokenAdmitsFromAnywhere() {
        MetricsServlet servlet = new MetricsServlet(null, TrustedProxies.NONE, "s3cret-scrape");
        assertTrue(servlet.admits(from("203.0.113.9", "Bearer s3cret-scrape")));
        assertFalse(servlet.admits(from("203.0.113.9", "Bearer s3cret-scrapf")));
        assertFalse(servlet.admits(from("203.0.113.9", "Basic s3cret-scrape")));
        assertFalse(servlet.admits(from("127.0.0.1", null)), "allow none: loopback needs the token too");
    }
}
