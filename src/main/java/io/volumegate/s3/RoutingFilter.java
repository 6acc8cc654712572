package io.volumegate.s3;

import io.volumegate.auth.AuthFilter;
import io.volumegate.auth.AuthResult;
import io.volumegate.config.Config;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.RequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Decides what an authenticated request is: bucket and key from the raw URI (path style or
 * virtual host), the {@link Endpoint} from method, query and headers; then lets the
 * requester in or refuses it ({@link S3Authorizer}). A copy's SOURCE, named in a header, is
 * authorised for read by {@link io.volumegate.s3.copy.CopySources}, where that header is
 * parsed; an unsigned form upload by POST Object, once it knows who signed the form.
 */
public class RoutingFilter extends HttpFilter {
    @Inject
    Config config;
    @Inject
    S3Authorizer authorizer;

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
        // A form upload's signer is in its body: POST Object decides once it has read the form's fields.
        if (!(auth.isAnonymous() && endpoint == Endpoint.POST_OBJECT)) {
            try {
                authorizer.authorize(request, auth.credential(), endpoint, address.bucket(), address.key(), query);
            } catch (RuntimeException failure) {
                // A storage refusal met while deciding (a read-only volume, say) is the client's
                // answer from S3's table, not a server fault for the error boundary to log as one.
                Throwable translated = StorageErrors.translate(failure);
                throw translated instanceof RuntimeException answer ? answer : failure;
            }
        }

        new S3Request(endpoint, address.bucket(), address.key(), query, auth).attachTo(request);
        chain.doFilter(request, response);
    }
}
