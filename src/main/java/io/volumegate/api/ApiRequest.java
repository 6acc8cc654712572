package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.http.QueryParameters;

/**
 * A routed, authenticated management API request.
 *
 * @param credential the caller's credential, null on a public route
 * @param endpoint   where the URLs handed out in the answer point (see {@link PublicUrls#endpoint})
 */
public record ApiRequest(ApiRouter.Match match, Credential credential, QueryParameters query, PublicEndpoint endpoint) {
    public ApiRoute route() { return match.route(); }

    public String bucket() { return match.parameter("bucket"); }

    public String key() { return match.parameter(ApiRoute.KEY); }

    public String parameter(String name) { return match.parameter(name); }

    /** 403 unless the caller may read {@code bucket}. */
    public void requireRead(String bucket) {
        if (!credential.mayRead(bucket)) throw ApiException.forbidden("This credential may not read the bucket " + bucket + ".");
    }

    /** 403 unless the caller may write {@code bucket}. */
    public void requireWrite(String bucket) {
        if (!credential.mayWrite(bucket)) {
            throw ApiException.forbidden(credential.readOnly() ? "This credential is read-only."
                    : "This credential may not write the bucket " + bucket + ".");
        }
    }
}
