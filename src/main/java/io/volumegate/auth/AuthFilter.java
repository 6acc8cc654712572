package io.volumegate.auth;

import io.volumegate.config.Config;
import io.volumegate.http.MultipartFormParser;
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
 * Authenticates every S3 request before anything else looks at it: the signature must
 * verify against a credential in the keyring. What the credential may touch is checked
 * after routing, once the bucket is known. The body's own hash is checked as it streams.
 *
 * <p>One kind of request passes unsigned: a {@code multipart/form-data} POST, a browser
 * form upload (POST Object), which carries its signature in the form itself. It passes as
 * {@link AuthResult#UNSIGNED_FORM}, which routing lets reach POST Object only, where the
 * form's policy signature is verified before anything is stored.
 */
public class AuthFilter extends HttpFilter {
    /** The refusal of a request that carries no signature. */
    public static final String ANONYMOUS_REFUSED = "Anonymous requests are not allowed; sign the request with SigV4 or SigV2.";
    private static final String ATTRIBUTE = AuthResult.class.getName();

    @Inject
    Keyring keyring;
    @Inject
    Config config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        AuthResult result = authenticate(request);
        RequestContext.of(request).principal(result.credential().accessKeyId());
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
        if (isFormPost(request)) return AuthResult.UNSIGNED_FORM;
        throw S3Error.ACCESS_DENIED.exception(ANONYMOUS_REFUSED);
    }

    /** A POST of a multipart/form-data body without an Authorization header: a browser form. */
    private static boolean isFormPost(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && request.getHeader("Authorization") == null
                && MultipartFormParser.isFormData(request.getContentType());
    }

    /** The authenticated request's result; set for every request past this filter. */
    public static AuthResult of(ServletRequest request) {
        return (AuthResult) request.getAttribute(ATTRIBUTE);
    }
}
