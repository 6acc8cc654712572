package io.volumegate.auth;

import io.volumegate.config.Config;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Error;
import io.volumegate.http.VirtualHosts;
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
 * Authenticates every S3 request before anything else looks at it: a signature must verify
 * against a credential in the keyring. What the requester may touch is decided after
 * routing, once the bucket is known. The body's own hash is checked as it streams.
 *
 * <p>A request without any signature passes as {@link AuthResult#ANONYMOUS}: nobody, let in
 * only where a bucket's ACL or policy opens it to everyone. A browser form upload (POST
 * Object) is one of those until the signature in its form is verified.
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
        AuthResult result = authenticate(request);
        if (!result.isAnonymous()) RequestContext.of(request).principal(result.credential().accessKeyId()); // else "-"
        request.setAttribute(ATTRIBUTE, result);
        chain.doFilter(request, response);
    }

    private AuthResult authenticate(HttpServletRequest request) {
        SignedRequest signed = new ServletSignedRequest(request);
        if (SigV4Verifier.isSigV4(signed)) {
            return new SigV4Verifier(keyring, Clock.systemUTC(), config.clockSkew(), config.region(), config.enforceRegion())
                    .verify(signed);
        }
        if (SigV2Verifier.isSigV2(signed)) {
            // Presign helpers (boto3 generate_presigned_url, aws s3 presign, s3cmd signurl) still default to V2.
            return new SigV2Verifier(keyring, Clock.systemUTC(), config.clockSkew())
                    .verify(SigV2Verifier.withoutContextPath(signed, request.getContextPath()),
                            VirtualHosts.bucketOf(request.getHeader("Host"), config.baseDomains()));
        }
        if (request.getHeader("Authorization") != null) {
            // Neither SigV4 nor SigV2: a scheme we do not speak must not pass as anonymous.
            throw S3Error.ACCESS_DENIED.exception("Unsupported Authorization header; sign the request with SigV4 or SigV2.");
        }
        return AuthResult.ANONYMOUS;
    }

    /** The authenticated request's result; set for every request past this filter. */
    public static AuthResult of(ServletRequest request) {
        return (AuthResult) request.getAttribute(ATTRIBUTE);
    }
}
