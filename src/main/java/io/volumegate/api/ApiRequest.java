package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.http.QueryParameters;

import java.util.List;
import java.util.Map;

/**
 * A routed, authenticated management API request.
 *
 * @param credential    the caller's credential, null on a public route
 * @param endpoint      where the URLs handed out in the answer point (see {@link PublicUrls#endpoint})
 * @param policyContext the condition keys a bucket policy may test for this request ({@link ApiAccess#context})
 */
public record ApiRequest(ApiRouter.Match match, Credential credential, QueryParameters query, PublicEndpoint endpoint,
                         Map<String, List<String>> policyContext) {
    public ApiRoute route() { return match.route(); }

    public String bucket() { return match.parameter("bucket"); }

    public String key() { return match.parameter(ApiRoute.KEY); }

    public String parameter(String name) { return match.parameter(name); }

    /** The version the request names ({@code version_id}), null for the latest. */
    public String versionId() { return query.get(ObjectResource.VERSION_ID); }
}
