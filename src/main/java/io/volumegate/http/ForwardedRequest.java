package io.volumegate.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A request that reached us through trusted proxies, as the client sent it: its {@code Host}
 * header, scheme, server name and port, request URL and remote address are those of the
 * {@link ForwardedOrigin}. Everything downstream (SigV4 and SigV2 verification, virtual-host
 * bucket names, URLs we mint such as a CompleteMultipartUpload's Location) sees the public
 * address the client used and signed, not the proxy's connection to us.
 */
public final class ForwardedRequest extends HttpServletRequestWrapper {
    private final ForwardedOrigin origin;

    private ForwardedRequest(HttpServletRequest request, ForwardedOrigin origin) {
        super(request);
        this.origin = origin;
    }

    /** {@code request} as its client sent it, or {@code request} itself when no trusted proxy vouches for it. */
    public static HttpServletRequest of(HttpServletRequest request, TrustedProxies trusted) {
        if (trusted.isEmpty()) return request;
        return ForwardedOrigin.resolve(request.getRemoteAddr(), request.getScheme(),
                        name -> Collections.list(request.getHeaders(name)), trusted)
                .<HttpServletRequest>map(origin -> new ForwardedRequest(request, origin))
                .orElse(request);
    }

    public ForwardedOrigin origin() { return origin; }

    @Override
    public String getHeader(String name) {
        return isHost(name) ? origin.host() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return isHost(name) ? Collections.enumeration(List.of(origin.host())) : super.getHeaders(name);
    }

    @Override
    public String getScheme() {
        return origin.scheme() != null ? origin.scheme() : super.getScheme();
    }

    @Override
    public boolean isSecure() {
        return origin.scheme() != null ? origin.scheme().equals("https") : super.isSecure();
    }

    @Override
    public String getServerName() {
        return origin.host() != null ? ForwardedOrigin.hostName(origin.host()) : super.getServerName();
    }

    @Override
    public int getServerPort() {
        return origin.host() != null ? ForwardedOrigin.port(origin.host(), getScheme()) : super.getServerPort();
    }

    @Override
    public StringBuffer getRequestURL() {
        String host = origin.host() != null ? origin.host() : super.getHeader("Host");
        if (host == null) return super.getRequestURL();
        return new StringBuffer(getScheme()).append("://").append(host).append(getRequestURI());
    }

    @Override
    public String getRemoteAddr() {
        return origin.clientAddress() != null && TrustedProxies.literal(origin.clientAddress()) != null
                ? origin.clientAddress() : super.getRemoteAddr();
    }

    @Override
    public String getRemoteHost() {
        return getRemoteAddr();
    }

    private boolean isHost(String name) {
        return origin.host() != null && "host".equalsIgnoreCase(name);
    }
}
