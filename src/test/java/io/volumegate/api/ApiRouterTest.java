package io.volumegate.api;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiRouterTest {
    private static final String JSON = "application/json";
    private static final String FORM = "multipart/form-data; boundary=xyz";

    @Test
    void keysAreCapturedWholeAndDecodedLikeS3Paths() {
        assertRoute(ApiRoute.DOWNLOAD_OBJECT, Map.of("bucket", "b", "key", "folder/sub/file.txt"),
                "GET", "/buckets/b/objects/folder/sub/file.txt", null);
        assertRoute(ApiRoute.DOWNLOAD_OBJECT, Map.of("bucket", "b", "key", "a/b c+d;e/日本"),
                "GET", "/buckets/b/objects/a%2Fb%20c+d;e/%E6%97%A5%E6%9C%AC", null);
        assertRoute(ApiRoute.DOWNLOAD_OBJECT, Map.of("bucket", "b", "key", "folder/"),
                "GET", "/buckets/b/objects/folder/", null);
        assertRoute(ApiRoute.HEAD_OBJECT, Map.of("bucket", "b", "key", "x"), "HEAD", "/buckets/b/objects/x", null);
        assertRoute(ApiRoute.DELETE_OBJECT, Map.of("bucket", "b", "key", "a//b"), "DELETE", "/buckets/b/objects/a//b", null);
        // traversal segments are captured as sent; the servlet validates the key (400)
        assertRoute(ApiRoute.DOWNLOAD_OBJECT, Map.of("bucket", "b", "key", "../x"), "GET", "/buckets/b/objects/%2E%2E/x", null);
    }

    @Test
    void literalRoutesWinAndTheBodyKindSeparatesUploadsFromJsonCalls() {
        assertRoute(ApiRoute.COPY_OBJECT, Map.of("bucket", "b", "key", "dir/a.txt"), "POST", "/buckets/b/objects/dir/a.txt/copy", JSON);
        assertRoute(ApiRoute.UPLOAD_OBJECT, Map.of("bucket", "b", "key", "dir/a.txt/copy"), "POST", "/buckets/b/objects/dir/a.txt/copy", FORM);
        assertRoute(ApiRoute.UPLOAD_OBJECT, Map.of("bucket", "b", "key", "a"), "POST", "/buckets/b/objects/a", "Multipart/Form-Data; boundary=q");
        // no body type: a JSON call
        assertRoute(ApiRoute.COPY_OBJECT, Map.of("bucket", "b", "key", "a"), "POST", "/buckets/b/objects/a/copy", null);
        assertRoute(ApiRoute.LIST_OBJECTS, Map.of("bucket", "b"), "GET", "/buckets/b/objects", null);
        assertRoute(ApiRoute.GET_BUCKET, Map.of("bucket", "b"), "GET", "/buckets/b", null);
        assertRoute(ApiRoute.LIST_BUCKETS, Map.of(), "GET", "/buckets", null);
        assertRoute(ApiRoute.CREATE_BUCKET, Map.of(), "POST", "/buckets", JSON);
        assertRoute(ApiRoute.ISSUE_TOKEN, Map.of(), "POST", "/auth/token", JSON);
    }

    /** GET and PUT .../objects/{key}/acl are the ACL of the key before /acl; %2F reaches a key ending in /acl. */
    @Test
    void aclRoutesTakeWholeKeysAndAnEncodedSlashKeepsAKeyNamedAcl() {
        assertRoute(ApiRoute.GET_OBJECT_ACL, Map.of("bucket", "b", "key", "dir/a.txt"), "GET", "/buckets/b/objects/dir/a.txt/acl", null);
        assertRoute(ApiRoute.PUT_OBJECT_ACL, Map.of("bucket", "b", "key", "dir/a.txt"), "PUT", "/buckets/b/objects/dir/a.txt/acl", JSON);
        assertRoute(ApiRoute.DOWNLOAD_OBJECT, Map.of("bucket", "b", "key", "dir/acl"), "GET", "/buckets/b/objects/dir%2Facl", null);
        assertRoute(ApiRoute.DOWNLOAD_OBJECT, Map.of("bucket", "b", "key", "acl"), "GET", "/buckets/b/objects/acl", null);
        // only GET and PUT have an ACL route: HEAD and DELETE of a/acl are the key a/acl
        assertRoute(ApiRoute.HEAD_OBJECT, Map.of("bucket", "b", "key", "a/acl"), "HEAD", "/buckets/b/objects/a/acl", null);
        assertRoute(ApiRoute.DELETE_OBJECT, Map.of("bucket", "b", "key", "a/acl"), "DELETE", "/buckets/b/objects/a/acl", null);
        assertRoute(ApiRoute.GET_BUCKET_ACL, Map.of("bucket", "b"), "GET", "/buckets/b/acl", null);
        assertRoute(ApiRoute.PUT_BUCKET_ACL, Map.of("bucket", "b"), "PUT", "/buckets/b/acl", JSON);
        assertRoute(ApiRoute.GET_BUCKET_POLICY, Map.of("bucket", "b"), "GET", "/buckets/b/policy", null);
        assertRoute(ApiRoute.PUT_BUCKET_POLICY, Map.of("bucket", "b"), "PUT", "/buckets/b/policy", JSON);
        assertRoute(ApiRoute.DELETE_BUCKET_POLICY, Map.of("bucket", "b"), "DELETE", "/buckets/b/policy", null);
        assertRoute(ApiRoute.GET_BUCKET_POLICY_STATUS, Map.of("bucket", "b"), "GET", "/buckets/b/policy-status", null);
    }

    /** /api/v1/docs is the Swagger UI's (ApiDocsServlet, its own mapping): no API route may live there. */
    @Test
    void noRouteLivesWhereTheDocsAre() {
        for (ApiRoute route : ApiRoute.values()) {
            assertTrue(!route.template().equals("/docs") && !route.template().startsWith("/docs/"), route.template());
        }
        for (String method : new String[] {"GET", "HEAD", "POST", "PUT", "DELETE"}) {
            assertError(404, "/docs", method, null);
            assertError(404, "/docs/swagger-ui.css", method, null);
        }
    }

    @Test
    void multipartRoutesTakeWholeKeysBeforeTheirVerb() {
        assertRoute(ApiRoute.PRESIGN_MULTIPART, Map.of("bucket", "b", "key", "videos/big.mp4"),
                "POST", "/buckets/b/multipart/videos/big.mp4/presign", JSON);
        assertRoute(ApiRoute.COMPLETE_MULTIPART, Map.of("bucket", "b", "key", "videos/big.mp4"),
                "POST", "/buckets/b/multipart/videos/big.mp4/complete", JSON);
        assertRoute(ApiRoute.LIST_PARTS, Map.of("bucket", "b", "key", "videos/big.mp4"), "GET", "/buckets/b/multipart/videos/big.mp4/parts", null);
        assertRoute(ApiRoute.LIST_PARTS, Map.of("bucket", "b", "key", "parts/x"), "GET", "/buckets/b/multipart/parts/x/parts", null);
        assertRoute(ApiRoute.ABORT_MULTIPART, Map.of("bucket", "b", "key", "a/presign"), "POST", "/buckets/b/multipart/a/presign/abort", JSON);
        assertRoute(ApiRoute.ABORT_MULTIPART, Map.of("bucket", "b", "key", "videos/big.mp4"), "POST", "/buckets/b/multipart/videos/big.mp4/abort", JSON);
        // the reference's proxied upload: initiate is POST on the key, a part is PUT with a form
        assertRoute(ApiRoute.CREATE_MULTIPART, Map.of("bucket", "b", "key", "videos/big.mp4"), "POST", "/buckets/b/multipart/videos/big.mp4", JSON);
        assertRoute(ApiRoute.CREATE_MULTIPART, Map.of("bucket", "b", "key", "a"), "POST", "/buckets/b/multipart/a", null);
        assertRoute(ApiRoute.UPLOAD_PART, Map.of("bucket", "b", "key", "a/complete"), "PUT", "/buckets/b/multipart/a/complete", FORM);
        assertError(415, "/buckets/b/multipart/a", "PUT", JSON);
        assertError(405, "/buckets/b/multipart/a", "DELETE", null);
        assertError(405, "/buckets/b/multipart/a", "GET", null);
    }

    @Test
    void wrongPathsMethodsAndBodiesHaveTheirOwnErrors() {
        assertError(404, "/nothing", "GET", null);
        assertError(404, "/buckets/", "GET", null);
        assertError(404, "/buckets/b/objects/", "GET", null); // an empty key is no key
        assertError(404, "/buckets//objects/a", "GET", null);
        ApiException notAllowed = assertError(405, "/buckets/b", "PUT", null);
        assertTrue(notAllowed.getMessage().contains("DELETE, GET"), notAllowed.getMessage());
        assertError(405, "/auth/token", "GET", null);
        assertError(415, "/buckets/b/objects/a", "POST", JSON);
        assertError(415, "/auth/token", "POST", FORM);
        assertThrows(S3Exception.class, () -> ApiRouter.match("GET", "/buckets/b/objects/bad%zz", null));
    }

    @Test
    void everyRouteMatchesItsOwnTemplate() {
        for (ApiRoute route : ApiRoute.values()) {
            String path = route.template().replace("{key}", "k/e/y").replaceAll("\\{[a-z_]+}", "p");
            String contentType = route.body() == ApiRoute.Body.MULTIPART ? FORM : JSON;
            assertEquals(route, ApiRouter.match(route.method(), path, contentType).route(), path);
        }
    }

    private static void assertRoute(ApiRoute route, Map<String, String> parameters, String method, String path, String contentType) {
        ApiRouter.Match match = ApiRouter.match(method, path, contentType);
        assertEquals(route, match.route(), path);
        assertEquals(parameters, match.parameters(), path);
    }

    private static ApiException assertError(int status, String path, String method, String contentType) {
        ApiException e = assertThrows(ApiException.class, () -> ApiRouter.match(method, path, contentType), path);
        assertEquals(status, e.status(), path + ": " + e.getMessage());
        return e;
    }
}
