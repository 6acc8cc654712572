package io.volumegate.http;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which forwarding headers are believed, from whom, and what they yield. */
class ForwardedOriginTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/24, fd00::/8");
    private static final String PROXY = "10.0.0.2";
    private static final String INNER_PROXY = "10.0.0.3";
    private static final String CLIENT = "203.0.113.7";

    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private ForwardedOriginTest header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    private Optional<ForwardedOrigin> from(String peer) {
        return ForwardedOrigin.resolve(peer, "http", name -> headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()), PROXIES);
    }

    private ForwardedOrigin believedFrom(String peer) {
        Optional<ForwardedOrigin> origin = from(peer);
        assertTrue(origin.isPresent(), "believed from " + peer);
        return origin.get();
    }

    @Nested
    class Trust {
        @Test
        void nothingFromAPeerThatIsNotATrustedProxy() {
            header("X-Forwarded-Host", "s3.example.com").header("X-Forwarded-Proto", "https").header("X-Forwarded-For", CLIENT);
            assertEquals(Optional.empty(), from(CLIENT));
            assertEquals(Optional.empty(), from("10.0.1.2"), "outside the trusted range");
            assertEquals(Optional.empty(), from("::1"));
        }

        @Test
        void nothingWhenNoProxyIsConfigured() {
            header("X-Forwarded-Host", "s3.example.com");
            assertEquals(Optional.empty(),
                    ForwardedOrigin.resolve(PROXY, "http", name -> headers.getOrDefault(name, List.of()), TrustedProxies.NONE));
        }

        @Test
        void nothingWhenATrustedProxySendsNoForwardingHeaders() {
            assertEquals(Optional.empty(), from(PROXY));
        }

        @Test
        void ipv6Peer() {
            header("X-Forwarded-Host", "s3.example.com");
            assertEquals("s3.example.com", believedFrom("fd00::2").host());
        }
    }

    @Nested
    class XForwarded {
        @Test
        void hostProtoAndClientFromATrustedProxy() {
            header("X-Forwarded-Host", "s3.example.com").header("X-Forwarded-Proto", "https").header("X-Forwarded-For", CLIENT);
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(PROXY));
        }

        @Test
        void portIsAddedUnlessItIsTheSchemesDefault() {
            header("X-Forwarded-Host", "s3.example.com").header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "8443");
            assertEquals("s3.example.com:8443", believedFrom(PROXY).host());

            headers.clear();
            header("X-Forwarded-Host", "s3.example.com").header("X-Forwarded-Proto", "https").header("X-Forwarded-Port", "443");
            assertEquals("s3.example.com", believedFrom(PROXY).host());

            headers.clear();
            header("X-Forwarded-Host", "s3.example.com:9000").header("X-Forwarded-Port", "8080");
            assertEquals("s3.example.com:9000", believedFrom(PROXY).host(), "a host with a port keeps it");

            headers.clear();
            header("X-Forwarded-Host", "s3.example.com").header("X-Forwarded-Port", "80");
            assertEquals("s3.example.com", believedFrom(PROXY).host(), "80 is http's default (the request's own scheme)");
        }

        @Test
        void whatAClientWroteBeforeTheFirstProxyIsNotBelieved() {
            // The client sent X-Forwarded-Host: evil.example and X-Forwarded-For: 10.0.0.9 itself; our
            // proxy appended what it saw. Only the last hop is vouched for.
            header("X-Forwarded-For", "10.0.0.9, " + CLIENT).header("X-Forwarded-Host", "evil.example, s3.example.com")
                    .header("X-Forwarded-Proto", "http, https");
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(PROXY));
        }

        @Test
        void aChainOfTrustedProxiesIsFollowedToTheOutermost() {
            // client -> edge proxy (10.0.0.2) -> inner proxy (10.0.0.3) -> us
            header("X-Forwarded-For", CLIENT + ", " + PROXY).header("X-Forwarded-Host", "s3.example.com, internal-lb:8080")
                    .header("X-Forwarded-Proto", "https, http");
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(INNER_PROXY));
        }

        @Test
        void singleValuesFromAnOuterProxyAreKeptAlongTheChain() {
            // The edge proxy set X-Forwarded-Host/Proto, the inner one only appended to X-Forwarded-For.
            header("X-Forwarded-For", CLIENT + ", " + PROXY).header("X-Forwarded-Host", "s3.example.com")
                    .header("X-Forwarded-Proto", "https");
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(INNER_PROXY));
        }

        @Test
        void headersRepeatedOnSeveralLinesAreOneList() {
            header("X-Forwarded-For", CLIENT).header("X-Forwarded-For", PROXY).header("X-Forwarded-Host", "s3.example.com");
            assertEquals(CLIENT, believedFrom(INNER_PROXY).clientAddress());
        }

        @Test
        void malformedHostsAndSchemesAreIgnored() {
            for (String bad : List.of("s3.example.com/evil", "a b", "host:port", "-leading.example", "s3.example.com:123456", "")) {
                headers.clear();
                header("X-Forwarded-Host", bad).header("X-Forwarded-Proto", "https");
                ForwardedOrigin origin = believedFrom(PROXY);
                assertEquals(null, origin.host(), bad);
                assertEquals("https", origin.scheme());
            }
            headers.clear();
            header("X-Forwarded-Proto", "gopher").header("X-Forwarded-Host", "[2001:db8::1]:8443");
            assertEquals(new ForwardedOrigin(null, "[2001:db8::1]:8443", null), believedFrom(PROXY));
            headers.clear();
            header("X-Forwarded-Proto", "HTTPS");
            assertEquals("https", believedFrom(PROXY).scheme());
        }
    }

    @Nested
    class Rfc7239 {
        @Test
        void forwardedHeader() {
            header("Forwarded", "for=" + CLIENT + ";proto=https;host=s3.example.com;by=10.0.0.2");
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(PROXY));
        }

        @Test
        void takesPrecedenceOverXForwarded() {
            header("Forwarded", "for=" + CLIENT + ";host=s3.example.com;proto=https")
                    .header("X-Forwarded-Host", "other.example").header("X-Forwarded-Proto", "http");
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(PROXY));
        }

        @Test
        void quotedIpv6AndPorts() {
            header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";host=\"s3.example.com:8443\";proto=https");
            assertEquals(new ForwardedOrigin("https", "s3.example.com:8443", "2001:db8:cafe::17"), believedFrom(PROXY));
        }

        @Test
        void chainsAcrossElementsAndHeaderLines() {
            header("Forwarded", "for=10.0.0.9;host=evil.example, for=" + CLIENT + ";host=s3.example.com;proto=https")
                    .header("Forwarded", "for=" + PROXY + ";host=internal-lb;proto=http");
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(INNER_PROXY));
        }

        @Test
        void obfuscatedOrUnknownNodesEndTheChain() {
            header("Forwarded", "for=unknown;host=s3.example.com;proto=https, for=_hidden;host=mid.example");
            assertEquals(new ForwardedOrigin(null, "mid.example", "_hidden"), believedFrom(PROXY));
        }

        @Test
        void caseInsensitiveParameterNamesAndSemicolonsInQuotes() {
            header("Forwarded", "For=" + CLIENT + "; Host=\"s3.example.com\"; PROTO=https; ext=\"a;b,c\"");
            assertEquals(new ForwardedOrigin("https", "s3.example.com", CLIENT), believedFrom(PROXY));
        }
    }
}
