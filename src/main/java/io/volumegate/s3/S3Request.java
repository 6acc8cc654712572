package io.volumegate.s3;

import io.volumegate.auth.AuthResult;
import io.volumegate.auth.Credential;
import io.volumegate.http.QueryParameters;
import jakarta.servlet.ServletRequest;

/**
 * A request after authentication and routing: who asked, which operation, on what. Handlers
 * work from this, never from the container's decoded paths.
 */
public record S3Request(Endpoint endpoint, String bucket, String key, QueryParameters query, AuthResult auth) {
    private static final String ATTRIBUTE = S3Request.class.getName();

    public Credential credential() { return auth.credential(); }

    void attachTo(ServletRequest request) { request.setAttribute(ATTRIBUTE, this); }

    static S3Request of(ServletRequest request) { return (S3Request) request.getAttribute(ATTRIBUTE); }
}
