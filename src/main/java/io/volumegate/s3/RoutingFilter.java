package io.volumegate.s3;

import io.volumegate.auth.AuthFilter;
import io.volumegate.auth.AuthResult;
import io.volumegate.auth.Credential;
import io.volumegate.config.Config;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Error;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Decides what an authenticated request is: bucket and key from the raw URI (path style or
 * virtual host), the {@link Endpoint} from method, query and headers; then checks that the
 * credential's scope allows that access to that bucket. A copy's SOURCE bucket, named in a
 * header, is checked for read by {@link io.volumegate.s3.copy.CopySources}, where that
 * header is parsed. An unsigned browser form ({@link AuthResult#UNSIGNED_FORM}) may reach
 * POST Object only, which checks the scope of the credential its form was signed with.
 */
public class RoutingFilter extends HttpFilter {
    @Inject
    Config config;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        S3Address address = S3Address.parse(request.getRequestURI(), request.getContextPath(), request.getHeader("Host"),
                config.baseDomains());
        QueryParameters query = QueryParameters.parse(request.getQueryString());
        Endpoint.Target target = address.bucket() == null ? Endpoint.Target.SERVICE
                : address.key() == null ? Endpoint.Target.BUCKET : Endpoint.Target.OBJECT;
        Endpoint endpoint = EndpointResolver.resolve(request.getMethod(), target, query, name -> request.getHeader(name) != null);
        RequestContext.of(request).operation(endpoint.name());
        RequestContext.of(request).target(address.bucket(), address.key());

        AuthResult auth = AuthFilter.of(request);
        if (auth.isUnsignedForm()) {
            if (endpoint != Endpoint.POST_OBJECT) throw S3Error.ACCESS_DENIED.exception(AuthFilter.ANONYMOUS_REFUSED);
        } else {
            requireScope(auth.credential(), endpoint.access(), address.bucket());
        }

        new S3Request(endpoint, address.bucket(), address.key(), query, auth).attachTo(request);
        chain.doFilter(request, response);
    }

    /** Refuses (403 AccessDenied) a credential whose scope does not allow that access to the bucket. */
    public static void requireScope(Credential credential, Endpoint.Access access, String bucket) {
        boolean allowed = access == Endpoint.Access.READ ? credential.mayRead(bucket) : credential.mayWrite(bucket);
        if (!allowed) throw S3Error.ACCESS_DENIED.exception("This access key may not " +
                (access == Endpoint.Access.READ ? "read" : "write") + " this bucket.");
    }
}
