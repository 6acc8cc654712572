package io.volumegate.auth;

import io.volumegate.config.Config;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Error;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Clock;

/**
 * Authenticates every S3 request before anything else looks at it: the signature must
 * verify against a credential in the keyring. What the credential may touch is checked
 * after routing, once the bucket is known. The body's own hash is checked as it streams.
 */
public class AuthFilter extends HttpFilter {
    private static final String ATTRIBUTE = AuthResult.class.getName();

    @Inject
    Keyring keyring;
    @Inject
    Config config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SignedRequest signed = new ServletSignedRequest(request);
        if (!SigV4Verifier.isSigV4(signed)) {
            String authorization = request.getHeader("Authorization");
            String query = request.getQueryString();
            if (authorization != null && authorization.startsWith("AWS ") || query != null && query.contains("AWSAccessKeyId=")) {
                throw S3Error.NOT_IMPLEMENTED.exception("Signature Version 2 is not supported yet; sign with SigV4.");
            }
            throw S3Error.ACCESS_DENIED.exception("Anonymous requests are not allowed; sign the request with SigV4.");
        }
        SigV4Verifier verifier = new SigV4Verifier(keyring, Clock.systemUTC(), config.clockSkew(), config.region(), config.enforceRegion());
        AuthResult result = verifier.verify(signed);
        RequestContext.of(request).principal(result.credential().accessKeyId());
        request.setAttribute(ATTRIBUTE, result);
        chain.doFilter(request, response);
    }

    /** The authenticated request's result; set for every request past this filter. */
    public static AuthResult of(ServletRequest request) {
        return (AuthResult) request.getAttribute(ATTRIBUTE);
    }
}
