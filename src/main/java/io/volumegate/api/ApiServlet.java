package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.http.Exchange;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.RequestContext;
import io.volumegate.storage.ObjectKeys;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The JSON management API under {@code /api/v1}: routes by the {@link ApiRoute} table,
 * authenticates the bearer token, validates an object key like the S3 side does, lets the
 * request in by the access decisions S3 requests get ({@link ApiAccess}), then hands over to
 * the route's handler. Everything that goes wrong is
 * a JSON error ({@link ApiErrors}). Mapped to {@code /api/*}, so it never passes through the
 * S3 filters (signatures, S3 routing); the name "api" is reserved for buckets.
 */
@WebServlet(urlPatterns = "/api/*", asyncSupported = true)
public class ApiServlet extends HttpServlet {
    @Inject
    ApiTokens tokens;
    @Inject
    AuthResource auth;
    @Inject
    CredentialResource credentials;
    @Inject
    BucketResource buckets;
    @Inject
    VersionResource versions;
    @Inject
    ObjectResource objects;
    @Inject
    UploadResource uploads;
    @Inject
    BulkResource bulk;
    @Inject
    PresignResource presigning;
    @Inject
    MultipartResource multipart;
    @Inject
    ProxiedMultipartResource proxied;
    @Inject
    ShareResource shares;
    @Inject
    AclResource acls;
    @Inject
    PolicyResource policies;
    @Inject
    QuotaResource quotas;
    @Inject
    ApiAccess access;
    @Inject
    OpenApiResource openApi;
    @Inject
    PublicUrls urls;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        Exchange exchange = new Exchange(request, response, ApiErrors::send);
        try {
            String rawPath = rawApiPath(request);
            if (rawPath == null) throw ApiException.notFound("NoSuchRoute", "The management API lives under " + ApiRoute.PREFIX + "/.");
            ApiRouter.Match match = ApiRouter.match(request.getMethod(), rawPath, request.getContentType());
            ApiRoute route = match.route();
            RequestContext context = RequestContext.of(request);
            context.operation("API_" + route.name());
            Credential credential = null;
            if (route.access() != ApiRoute.Access.PUBLIC) {
                credential = tokens.authenticate(request.getHeader("Authorization"));
                context.principal(credential.accessKeyId());
            }
            String key = match.parameter(ApiRoute.KEY);
            context.target(match.parameter("bucket"), key);
            if (key != null) ObjectKeys.segments(key); // traversal, empty segments, too long, control characters: 400
            QueryParameters query = QueryParameters.parse(request.getQueryString());
            ApiRequest api = new ApiRequest(match, credential, query, urls.endpoint(request), ApiAccess.context(request, credential, query));
            access.authorize(api);
            handlerFor(route).handle(exchange, api);
        } catch (Exception failure) {
            exchange.fail(failure);
        }
    }

    private ApiHandler handlerFor(ApiRoute route) {
        return switch (route) {
            case ISSUE_TOKEN -> auth::issueToken;
            case RENEW_TOKEN -> auth::renewToken;
            case CALLER -> credentials::caller;
            case CREATE_CREDENTIAL -> credentials::create;
            case LIST_CREDENTIALS -> credentials::list;
            case DELETE_CREDENTIAL -> credentials::delete;
            case LIST_BUCKETS -> buckets::list;
            case CREATE_BUCKET -> buckets::create;
            case GET_BUCKET -> buckets::details;
            case DELETE_BUCKET -> buckets::delete;
            case LIST_OBJECTS -> objects::list;
            case UPLOAD_OBJECT -> uploads::upload;
            case DOWNLOAD_OBJECT, HEAD_OBJECT -> objects::download;
            case DELETE_OBJECT -> objects::delete;
            case COPY_OBJECT -> objects::copy;
            case LIST_VERSIONS -> versions::list;
            case GET_VERSIONING -> versions::versioning;
            case SET_VERSIONING -> versions::setVersioning;
            case DELETE_OBJECTS -> bulk::delete;
            case DOWNLOAD_ZIP -> bulk::download;
            case PRESIGN_KEYS -> presigning::presignKeys;
            case PRESIGN -> presigning::presign;
            case PRESIGN_POST -> presigning::presignPost;
            case PRESIGN_MULTIPART -> multipart::presign;
            case COMPLETE_MULTIPART -> multipart::complete;
            case CREATE_MULTIPART -> proxied::create;
            case UPLOAD_PART -> proxied::uploadPart;
            case LIST_PARTS -> proxied::listParts;
            case ABORT_MULTIPART -> proxied::abort;
            case SHARE -> shares::share;
            case GET_OBJECT_ACL -> acls::objectAcl;
            case PUT_OBJECT_ACL -> acls::setObjectAcl;
            case GET_BUCKET_ACL -> acls::bucketAcl;
            case PUT_BUCKET_ACL -> acls::setBucketAcl;
            case GET_BUCKET_POLICY -> policies::policy;
            case PUT_BUCKET_POLICY -> policies::setPolicy;
            case DELETE_BUCKET_POLICY -> policies::deletePolicy;
            case GET_BUCKET_POLICY_STATUS -> policies::status;
            case GET_QUOTA -> quotas::quota;
            case PUT_QUOTA -> quotas::setQuota;
            case DELETE_QUOTA -> quotas::deleteQuota;
            case RECONCILE_USAGE -> quotas::reconcile;
            case OPENAPI -> openApi::document;
        };
    }

    /** The raw path after {@code /api/v1} (e.g. {@code /buckets/b}), or null outside it. */
    static String rawApiPath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
        if (!path.startsWith(ApiRoute.PREFIX + "/")) return null;
        return path.substring(ApiRoute.PREFIX.length());
    }
}
