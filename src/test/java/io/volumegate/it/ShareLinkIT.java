package io.volumegate.it;

import io.volumegate.api.ShareLinks;
import io.volumegate.http.UriEncoding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Share links: made through the API, opened by anyone without credentials. */
class ShareLinkIT extends ServerTestBase {
    private static final String BUCKET = "sharelinkit";
    private static final String OTHER = "sharelinkit-other";
    private static final String CONTENT = "0123456789abcdefghij shared content";
    private static boolean prepared;

    private ApiClient admin;

    @BeforeEach
    void objects() {
        admin = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey());
        synchronized (ShareLinkIT.class) {
            if (prepared) return;
            for (String bucket : List.of(BUCKET, OTHER)) assertEquals(201, admin.post("/buckets", "{\"name\": \"" + bucket + "\"}").statusCode());
            server.s3().putObject(p -> p.bucket(BUCKET).key("docs/report q3.txt").contentType("text/plain; charset=utf-8"),
                    RequestBody.fromString(CONTENT));
            server.s3().putObject(p -> p.bucket(BUCKET).key("docs/secret.txt"), RequestBody.fromString("not shared"));
            server.s3().putObject(p -> p.bucket(BUCKET).key("page.html"), RequestBody.fromString("<script>alert(1)</script>"));
            prepared = true;
        }
    }

    @Test
    void anyoneCanOpenALinkInlineWithRanges() throws Exception {
        HttpResponse<String> created = admin.post("/buckets/" + BUCKET + "/share", "{\"key\": \"docs/report q3.txt\", \"expires_in\": 3600}");
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> link = json(created);
        String url = (String) link.get("url");
        assertTrue(url.startsWith(server.endpoint() + "-/share/" + BUCKET + "/docs/report%20q3.txt?expires="), url);
        Instant expiresAt = Instant.parse((String) link.get("expires_at"));
        assertTrue(Math.abs(Duration.between(Instant.now().plusSeconds(3600), expiresAt).toSeconds()) < 30);

        HttpResponse<String> opened = open(url, null);
        assertEquals(200, opened.statusCode(), opened.body());
        assertEquals(CONTENT, opened.body());
        assertEquals("text/plain; charset=utf-8", opened.headers().firstValue("Content-Type").orElse(null));
        assertTrue(opened.headers().firstValue("Content-Disposition").orElse("").startsWith("inline; filename=\"report q3.txt\""));
        assertEquals("sandbox", opened.headers().firstValue("Content-Security-Policy").orElse(null));

        HttpResponse<String> range = open(url, "bytes=10-19");
        assertEquals(206, range.statusCode());
        assertEquals("abcdefghij", range.body());
        assertEquals("bytes 10-19/" + CONTENT.length(), range.headers().firstValue("Content-Range").orElse(null));
        HttpResponse<String> suffix = open(url, "bytes=-7");
        assertEquals(206, suffix.statusCode());
        assertEquals("content", suffix.body());
        HttpResponse<String> unsatisfiable = open(url, "bytes=1000-");
        assertApiError(unsatisfiable, 416, "InvalidRange");
        assertEquals("bytes */" + CONTENT.length(), unsatisfiable.headers().firstValue("Content-Range").orElse(null));

        HttpResponse<String> head = server.http().send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(CONTENT.length()), head.headers().firstValue("Content-Length").orElse(null));

        // the default lifetime is a day; HTML is served sandboxed
        Map<String, Object> html = json(admin.post("/buckets/" + BUCKET + "/share", "{\"key\": \"page.html\"}"));
        assertTrue(Math.abs(Duration.between(Instant.now().plusSeconds(86_400), Instant.parse((String) html.get("expires_at"))).toSeconds()) < 30);
        HttpResponse<String> page = open((String) html.get("url"), null);
        assertEquals(200, page.statusCode());
        assertEquals("sandbox", page.headers().firstValue("Content-Security-Policy").orElse(null));
    }

    /** What another node (or this one after a restart) makes with the keystore's key works here. */
    @Test
    void linksSignedWithTheKeystoresKeyWorkAndTamperedOrExpiredOnesDoNot() throws Exception {
        byte[] key = server.keyring().shareLinkKey();
        long expires = Instant.now().getEpochSecond() + 600;
        String good = ShareLinks.pathAndQuery(key, BUCKET, "docs/report q3.txt", expires);
        assertEquals(CONTENT, open(server.uri(good).toString(), null).body());

        String sig = ShareLinks.sign(key, BUCKET, "docs/report q3.txt", expires);
        String path = "/-/share/" + BUCKET + "/docs/report%20q3.txt";
        assertShareError(path + "?expires=" + (expires + 1) + "&sig=" + sig, 403, "InvalidShareLink");
        assertShareError("/-/share/" + BUCKET + "/docs/secret.txt?expires=" + expires + "&sig=" + sig, 403, "InvalidShareLink");
        assertShareError("/-/share/" + OTHER + "/docs/report%20q3.txt?expires=" + expires + "&sig=" + sig, 403, "InvalidShareLink");
        assertShareError(path + "?expires=" + expires + "&sig=" + sig.substring(0, 42) + (sig.charAt(42) == 'A' ? 'B' : 'A'), 403, "InvalidShareLink");
        assertShareError(path + "?expires=" + expires, 403, "InvalidShareLink");
        assertShareError(path + "?sig=" + sig, 403, "InvalidShareLink");
        assertShareError(path + "?expires=soon&sig=" + sig, 403, "InvalidShareLink");
        assertShareError(path, 403, "InvalidShareLink");
        assertShareError("/-/share/" + BUCKET + "?expires=" + expires + "&sig=" + sig, 403, "InvalidShareLink");
        assertShareError("/-/share/", 403, "InvalidShareLink");
        // a traversal against a valid link's signature: refused, nothing outside served
        assertShareError("/-/share/" + BUCKET + "/docs/%2E%2E/docs/report%20q3.txt?expires=" + expires + "&sig=" + sig, 403, "InvalidShareLink");
        // even correctly signed, a traversal key is refused
        String traversal = ShareLinks.pathAndQuery(key, BUCKET, "docs/../docs/secret.txt", expires);
        assertShareError(traversal, 400, "InvalidArgument");

        long past = Instant.now().getEpochSecond() - 5;
        Map<String, Object> expired = assertShareError(ShareLinks.pathAndQuery(key, BUCKET, "docs/report q3.txt", past), 403, "ExpiredShareLink");
        assertTrue(((String) expired.get("message")).contains("expired"), expired.toString());

        byte[] otherKey = key.clone();
        otherKey[0] ^= 1;
        assertShareError(ShareLinks.pathAndQuery(otherKey, BUCKET, "docs/report q3.txt", expires), 403, "InvalidShareLink");

        String gone = ShareLinks.pathAndQuery(key, BUCKET, "docs/none.txt", expires);
        assertShareError(gone, 404, "NoSuchKey");
        HttpResponse<String> post = server.http().send(HttpRequest.newBuilder(server.uri(good)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertApiError(post, 405, "MethodNotAllowed");
    }

    @Test
    void makingALinkNeedsAValidRequestAndReadScope() {
        String path = "/buckets/" + BUCKET + "/share";
        assertApiError(admin.post(path, "{\"key\": \"docs/report q3.txt\", \"expires_in\": 60}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"key\": \"docs/report q3.txt\", \"expires_in\": 1209600}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"key\": \"docs/none.txt\"}"), 404, "NoSuchKey");
        assertApiError(admin.post(path, "{\"key\": \"../sharelinkit-other/x\"}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{}"), 400, "InvalidArgument");
        assertApiError(admin.post(path, "{\"key\": "), 400, "MalformedJson");
        assertApiError(admin.post("/buckets/sharelinkit-none/share", "{\"key\": \"x\"}"), 404, "NoSuchBucket");
        assertApiError(ApiClient.anonymous(server).post(path, "{\"key\": \"docs/report q3.txt\"}"), 401, "Unauthorized");
        ApiClient otherOnly = ApiClient.scoped(server, Set.of(OTHER), true, "sharelinkit: other only");
        assertApiError(otherOnly.post(path, "{\"key\": \"docs/report q3.txt\"}"), 403, "AccessDenied");
        ApiClient readOnly = ApiClient.scoped(server, Set.of(BUCKET), true, "sharelinkit: read-only");
        assertEquals(201, readOnly.post(path, "{\"key\": \"docs/report q3.txt\"}").statusCode());
    }

    private HttpResponse<String> open(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) request.header("Range", range);
        return server.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> assertShareError(String rawPathAndQuery, int status, String code) throws Exception {
        HttpResponse<String> response = server.http().send(HttpRequest.newBuilder(server.uri(rawPathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> error = assertApiError(response, status, code);
        assertFalse(response.body().contains("not shared"));
        return error;
    }

    static String encode(String key) { return UriEncoding.path(key); }
}
