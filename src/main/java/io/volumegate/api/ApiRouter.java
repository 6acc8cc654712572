package io.volumegate.api;

import io.volumegate.http.PercentDecoding;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@link ApiRoute} of a request: path, then method, then body kind, the most
 * literal route winning. Path parameters are percent-decoded like S3 paths; an object key is
 * not validated here (see {@link ApiServlet}).
 */
public final class ApiRouter {
    private ApiRouter() {}

    /** A route and its decoded path parameters. */
    public record Match(ApiRoute route, Map<String, String> parameters) {
        public String parameter(String name) { return parameters.get(name); }
    }

    /**
     * @param rawPath     the raw request path after {@code /api/v1}, e.g. {@code /buckets/b/objects/a%2Fb}
     * @param contentType the request's Content-Type, or null
     * @throws ApiException 404 for no such path, 405 (message names the allowed methods) for a
     *                      path without this method, 415 for a body the route does not take,
     *                      400 for bad percent-encoding
     */
    public static Match match(String method, String rawPath, String contentType) {
        ApiRoute best = null;
        ApiRoute.RawParameters bestParameters = null;
        Set<String> allowed = new TreeSet<>();
        boolean wrongBody = false;
        for (ApiRoute route : ApiRoute.values()) {
            ApiRoute.RawParameters parameters = route.matchPath(rawPath);
            if (parameters == null) continue;
            allowed.add(route.method());
            if (!route.method().equals(method)) continue;
            if (!route.accepts(contentType)) {
                wrongBody = true;
                continue;
            }
            if (best == null || route.literalCount() > best.literalCount()) {
                best = route;
                bestParameters = parameters;
            }
        }
        if (best == null) {
            if (wrongBody) {
                throw new ApiException(415, "UnsupportedMediaType",
                        "This endpoint takes " + (isMultipart(contentType) ? "a JSON body" : "a multipart/form-data body") + ".");
            }
            if (!allowed.isEmpty()) {
                throw new ApiException(405, "MethodNotAllowed", "Allowed methods: " + String.join(", ", allowed) + ".");
            }
            throw ApiException.notFound("NoSuchRoute", "No management API endpoint at this path.");
        }
        Map<String, String> decoded = new LinkedHashMap<>();
        for (int i = 0; i < bestParameters.names().size(); i++) {
            decoded.put(bestParameters.names().get(i), PercentDecoding.path(bestParameters.values().get(i)));
        }
        return new Match(best, decoded);
    }

    /** The methods routes take at {@code rawPath}, for an Allow header. */
    public static Set<String> allowedMethods(String rawPath) {
        Set<String> allowed = new TreeSet<>(Comparator.naturalOrder());
        for (ApiRoute route : ApiRoute.values()) if (route.matchPath(rawPath) != null) allowed.add(route.method());
        return allowed;
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).strip().startsWith("multipart/form-data");
    }
}
