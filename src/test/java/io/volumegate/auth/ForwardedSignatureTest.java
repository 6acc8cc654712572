package io.volumegate.auth;

import io.volumegate.http.ForwardedRequest;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.http.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.volumegate.auth.AwsExamples.ACCESS_KEY;
import static io.volumegate.auth.AwsExamples.AMZ_DATE;
import static io.volumegate.auth.AwsExamples.CREDENTIAL;
import static io.volumegate.auth.AwsExamples.EMPTY_SHA256;
import static io.volumegate.auth.AwsExamples.REGION;
import static io.volumegate.auth.AwsExamples.secret;
import static io.volumegate.auth.AwsExamples.verifier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client signs the Host it sends to the load balancer; the load balancer connects to us with
 * another one. Through a trusted proxy the signature verifies against the forwarded host,
 * and the request shows the public address everywhere else too; from anyone else it does not.
 */
class ForwardedSignatureTest {
    private static final TrustedProxies PROXIES = TrustedProxies.parse("10.0.0.0/24");
    private static final String PUBLIC_HOST = "s3.example.com";
    private static final List<String> SIGNED = List.of("host", "x-amz-content-sha256", "x-amz-date");

    /** What the client signs and sends to s3.example.com. */
    private static TestRequest clientRequest() {
        TestRequest request = TestRequest.of("GET", "/bucket/a%2Fb", "list-type=2")
                .header("Host", PUBLIC_HOST)
                .header("x-amz-date", AMZ_DATE)
                .header("x-amz-content-sha256", EMPTY_SHA256);
        return request.header("Authorization",
                SigV4Signer.authorization(request, ACCESS_KEY, secret(), REGION, AMZ_DATE, SIGNED, EMPTY_SHA256));
    }

    /** The request as it reaches us from {@code peer}: Host rewritten to the node, forwarding headers added. */
    private static HttpServletRequest received(String peer, Map<String, String> extraHeaders) {
        TestRequest client = clientRequest();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : client.headerNames()) headers.put(name, new ArrayList<>(client.headerValues(name)));
        headers.put("Host", List.of("node1.internal:8080"));
        extraHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
        return (HttpServletRequest) Proxy.newProxyInstance(ForwardedSignatureTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (self, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "GET";
                    case "getRequestURI" -> "/bucket/a%2Fb";
                    case "getQueryString" -> "list-type=2";
                    case "getScheme" -> "http";
                    case "isSecure" -> false;
                    case "getServerName" -> "node1.internal";
                    case "getServerPort" -> 8080;
                    case "getRemoteAddr", "getRemoteHost" -> peer;
                    case "getRequestURL" -> new StringBuffer("http://node1.internal:8080/bucket/a%2Fb");
                    case "getHeader" -> headers.getOrDefault((String) args[0], List.of()).stream().findFirst().orElse(null);
                    case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                    case "getHeaderNames" -> Collections.enumeration(new ArrayList<>(headers.keySet()));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void verifiesAgainstTheHostForwardedByATrustedProxy() {
        HttpServletRequest request = ForwardedRequest.of(received("10.0.0.2",
                Map.of("X-Forwarded-Host", PUBLIC_HOST, "X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7")), PROXIES);
        assertEquals(CREDENTIAL, verifier().verify(new ServletSignedRequest(request)).credential());

        assertEquals(PUBLIC_HOST, request.getHeader("host"));
        assertEquals("https", request.getScheme());
        assertTrue(request.isSecure());
        assertEquals(PUBLIC_HOST, request.getServerName());
        assertEquals(443, request.getServerPort());
        assertEquals("https://s3.example.com/bucket/a%2Fb", request.getRequestURL().toString(), "URLs we mint");
        assertEquals("203.0.113.7", request.getRemoteAddr());
    }

    @Test
    void forwardedHeaderWithAPort() {
        HttpServletRequest request = ForwardedRequest.of(received("10.0.0.2",
                Map.of("Forwarded", "for=203.0.113.7;host=\"s3.example.com:9000\";proto=http")), PROXIES);
        assertEquals("s3.example.com:9000", request.getHeader("Host"));
        assertEquals(9000, request.getServerPort());
        assertEquals("http://s3.example.com:9000/bucket/a%2Fb", request.getRequestURL().toString());
    }

    @Test
    void theSameHeadersFromAnUntrustedPeerChangeNothing() {
        HttpServletRequest direct = received("203.0.113.7", Map.of("X-Forwarded-Host", PUBLIC_HOST, "X-Forwarded-Proto", "https"));
        HttpServletRequest request = ForwardedRequest.of(direct, PROXIES);
        assertSame(direct, request);
        assertEquals("node1.internal:8080", request.getHeader("Host"));
        S3Exception refused = assertThrows(S3Exception.class, () -> verifier().verify(new ServletSignedRequest(request)));
        assertEquals(S3Error.SIGNATURE_DOES_NOT_MATCH, refused.error());
    }

    @Test
    void nothingIsBelievedWithoutConfiguredProxies() {
        HttpServletRequest direct = received("10.0.0.2", Map.of("X-Forwarded-Host", PUBLIC_HOST));
        assertSame(direct, ForwardedRequest.of(direct, TrustedProxies.NONE));
    }

    @Test
    void aTrustedProxyThatKeepsTheHostNeedsNoForwardedHost() {
        // nginx with proxy_set_header Host $http_host: the Host arrives as signed; only the scheme is forwarded.
        HttpServletRequest request = ForwardedRequest.of(received("10.0.0.2", Map.of("Host", PUBLIC_HOST, "X-Forwarded-Proto", "https")),
                PROXIES);
        assertEquals(PUBLIC_HOST, request.getHeader("Host"));
        assertEquals("https", request.getScheme());
        assertEquals(CREDENTIAL, verifier().verify(new ServletSignedRequest(request)).credential());
        assertFalse(request.getRequestURL().toString().contains("node1"));
    }
}
