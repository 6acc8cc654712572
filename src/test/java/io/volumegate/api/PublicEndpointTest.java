package io.volumegate.api;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublicEndpointTest {
    /** A request as the container hands it over: scheme, Host header, server name and port, context path. */
    private static HttpServletRequest request(String scheme, String host, String serverName, int port, String contextPath) {
        Map<String, Object> answers = new HashMap<>(Map.of("getScheme", scheme, "getServerName", serverName, "getServerPort", port,
                "getContextPath", contextPath));
        return (HttpServletRequest) Proxy.newProxyInstance(PublicEndpointTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) ->
                        method.getName().equals("getHeader") ? ("Host".equalsIgnoreCase((String) args[0]) ? host : null)
                                : answers.get(method.getName()));
    }

    @Test
    void aRequestsOwnAddressIsTheEndpoint() {
        PublicEndpoint endpoint = PublicEndpoint.addressedBy(request("http", "files.example.com:9000", "10.0.0.5", 9000, ""));
        assertEquals("http://files.example.com:9000", endpoint.origin());
        assertEquals("files.example.com:9000", endpoint.host(), "signed for the Host the URL comes back with");
        assertEquals("http://files.example.com:9000/b/k", endpoint.url("/b/k"));
    }

    @Test
    void defaultPortsAreLeftOutAsClientsLeaveThemOutOfHost() {
        assertEquals("https://s3.example.com", PublicEndpoint.addressedBy(request("https", "s3.example.com:443", "x", 443, "")).origin());
        assertEquals("s3.example.com", PublicEndpoint.addressedBy(request("HTTPS", "s3.example.com", "x", 443, "")).host());
    }

    @Test
    void theContextPathIsPartOfEveryUrl() {
        assertEquals("http://127.0.0.1:8080/gate/api/v1",
                PublicEndpoint.addressedBy(request("http", "127.0.0.1:8080", "127.0.0.1", 8080, "/gate")).url("/api/v1"));
    }

    @Test
    void aMissingOrMalformedHostFallsBackToTheServersNameAndPort() {
        assertEquals("http://10.0.0.5:8080", PublicEndpoint.addressedBy(request("http", null, "10.0.0.5", 8080, "")).origin());
        assertEquals("http://10.0.0.5:8080", PublicEndpoint.addressedBy(request("http", "evil.example/path?x=", "10.0.0.5", 8080, "")).origin());
        assertEquals("http://10.0.0.5:8080", PublicEndpoint.addressedBy(request("http", "a@b", "10.0.0.5", 8080, "")).origin());
        assertEquals("http://[::1]:8080", PublicEndpoint.addressedBy(request("http", null, "::1", 8080, "")).origin());
        assertEquals("http://[::1]:9000", PublicEndpoint.addressedBy(request("http", "[::1]:9000", "::1", 9000, "")).origin());
    }

    @Test
    void aConfiguredEndpointIsSplitTheSameWay() {
        PublicEndpoint endpoint = PublicEndpoint.of("https://gate.example.com:8443/s3/");
        assertEquals("https://gate.example.com:8443", endpoint.origin());
        assertEquals("gate.example.com:8443", endpoint.host());
        assertEquals("/s3", endpoint.path());
    }
}
