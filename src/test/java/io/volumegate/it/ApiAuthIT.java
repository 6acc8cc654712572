package io.volumegate.it;

import io.volumegate.api.Jwt;
import io.volumegate.api.TokenClaims;
import io.volumegate.auth.Credential;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static io.volumegate.it.ApiClient.assertApiError;
import static io.volumegate.it.ApiClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** POST /api/v1/auth/token and bearer authentication of every other endpoint. */
class ApiAuthIT extends ServerTestBase {
    private static final Duration RELOAD_DEADLINE = Duration.ofSeconds(3);

    @Test
    void keyPairBuysATokenThatOpensTheApi() {
        HttpResponse<String> response = ApiClient.anonymous(server)
                .post("/auth/token", ApiClient.tokenRequest(server.adminAccessKey(), server.adminSecretKey()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        Map<String, Object> body = json(response);
        assertEquals(900, ((Number) body.get("expires_in")).intValue());
        assertEquals("Bearer", body.get("token_type"));
        String token = (String) body.get("token");
        TokenClaims claims = Jwt.verify(token, server.keyring().jwtKey(), Instant.now());
        assertEquals(server.adminAccessKey(), claims.sub());
        assertEquals(claims.iat() + 900, claims.exp());

        HttpResponse<String> caller = ApiClient.withToken(server, token).get("/credentials");
        assertEquals(200, caller.statusCode(), caller.body());
        Map<String, Object> info = json(caller);
        // The reference's S3CredentialsResponse, for the key pair the token was issued to.
        assertEquals(server.adminAccessKey(), info.get("access_key_id"));
        assertEquals(server.adminSecretKey(), info.get("secret_access_key"));
        assertEquals(server.adminAccessKey(), info.get("username"));
        assertEquals("volumegate", info.get("tenant"));
        assertEquals(server.endpoint().toString().replaceAll("/$", ""), info.get("endpoint_url"));
        assertEquals("us-east-1", info.get("region"));
        assertEquals(info.get("endpoint_url"), info.get("endpoint"));
        assertEquals(true, info.get("admin"));
        assertNull(info.get("buckets"));
    }

    /** A script configures an S3 client from GET /credentials alone; a token never shows another key's secret. */
    @Test
    void theCredentialsAnswerConfiguresAnS3ClientForTheTokensOwnKeyPairOnly() throws Exception {
        io.volumegate.auth.Credential scoped = server.keyring().create(java.util.Set.of("apiauthit-own"), false, false, "script");
        ApiClient client = ApiClient.awaitLogin(server, scoped.accessKeyId(), new String(scoped.secret(), java.nio.charset.StandardCharsets.UTF_8));
        Map<String, Object> info = json(client.get("/credentials"));
        assertEquals(scoped.accessKeyId(), info.get("access_key_id"));
        assertEquals(new String(scoped.secret(), java.nio.charset.StandardCharsets.UTF_8), info.get("secret_access_key"));
        assertFalse(client.get("/credentials").body().contains(server.adminSecretKey()), "never the admin's secret");
        assertEquals(java.util.List.of("apiauthit-own"), info.get("buckets"));

        try (software.amazon.awssdk.services.s3.S3Client s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(java.net.URI.create((String) info.get("endpoint_url")))
                .region(software.amazon.awssdk.regions.Region.of((String) info.get("region")))
                .forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create((String) info.get("access_key_id"),
                                (String) info.get("secret_access_key"))))
                .httpClient(software.amazon.awssdk.http.apache5.Apache5HttpClient.create())
                .build()) {
            s3.createBucket(b -> b.bucket("apiauthit-own"));
            s3.putObject(b -> b.bucket("apiauthit-own").key("from-the-script.txt"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("configured from GET /credentials"));
            assertEquals("configured from GET /credentials",
                    s3.getObjectAsBytes(b -> b.bucket("apiauthit-own").key("from-the-script.txt")).asUtf8String());
        }
    }

    @Test
    void wrongKeyPairsAndMalformedRequestsAreRefused() {
        ApiClient anonymous = ApiClient.anonymous(server);
        assertApiError(anonymous.post("/auth/token", ApiClient.tokenRequest(server.adminAccessKey(), "wrong")), 401, "Unauthorized");
        assertApiError(anonymous.post("/auth/token", ApiClient.tokenRequest("VGNOSUCHKEY", "x")), 401, "Unauthorized");
        assertApiError(anonymous.post("/auth/token", "{\"access_key_id\": \"" + server.adminAccessKey() + "\""), 400, "MalformedJson");
        assertApiError(anonymous.post("/auth/token", "not json"), 400, "MalformedJson");
        assertApiError(anonymous.post("/auth/token", ""), 400, "MalformedJson");
        assertApiError(anonymous.post("/auth/token", "[1,2]"), 400, "MalformedJson");
        assertApiError(anonymous.post("/auth/token", "{\"access_key_id\": 5, \"secret_access_key\": {}}"), 400, "MalformedJson");
        assertApiError(anonymous.post("/auth/token", "{}"), 400, "InvalidArgument");
        assertApiError(anonymous.post("/auth/token", "{\"pad\": \"" + "x".repeat(70_000) + "\"}"), 413, "RequestTooLarge");
        assertApiError(anonymous.get("/auth/token"), 405, "MethodNotAllowed");
        assertApiError(anonymous.get("/no/such/route"), 404, "NoSuchRoute");
        assertApiError(anonymous.get("/"), 404, "NoSuchRoute");
        HttpResponse<String> v2 = ApiClient.anonymous(server).send(HttpRequest.newBuilder(server.uri("/api/v2/buckets")).build());
        assertApiError(v2, 404, "NoSuchRoute");
    }

    @Test
    void endpointsNeedAValidUnexpiredToken() {
        HttpResponse<String> missing = ApiClient.anonymous(server).get("/credentials");
        assertApiError(missing, 401, "Unauthorized");
        assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

        for (String header : new String[] {"Bearer", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz", "Bearer a.b.c"}) {
            HttpResponse<String> response = ApiClient.anonymous(server)
                    .send(ApiClient.anonymous(server).request("/credentials").header("Authorization", header).GET().build());
            assertApiError(response, 401, "Unauthorized");
        }

        byte[] jwtKey = server.keyring().jwtKey();
        long now = Instant.now().getEpochSecond();
        String expired = Jwt.sign(new TokenClaims(server.adminAccessKey(), now - 1000, now - 1000, now - 10, null, false, true, null), jwtKey);
        assertTrue(message(assertApiError(ApiClient.withToken(server, expired).get("/credentials"), 401, "Unauthorized")).contains("expired"));

        String valid = ApiClient.login(server, server.adminAccessKey(), server.adminSecretKey()).token();
        String[] parts = valid.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String longer = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replaceAll("\"exp\":\\d+", "\"exp\":" + (now + 999_999)).getBytes(StandardCharsets.UTF_8));
        assertApiError(ApiClient.withToken(server, parts[0] + "." + longer + "." + parts[2]).get("/credentials"), 401, "Unauthorized");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertApiError(ApiClient.withToken(server, none + "." + parts[1] + ".").get("/credentials"), 401, "Unauthorized");
        assertApiError(ApiClient.withToken(server, none + "." + parts[1] + "." + parts[2]).get("/credentials"), 401, "Unauthorized");
        // signed with another key
        byte[] otherKey = jwtKey.clone();
        otherKey[0] ^= 1;
        String forged = Jwt.sign(new TokenClaims(server.adminAccessKey(), now, now, now + 60, null, false, true, null), otherKey);
        assertApiError(ApiClient.withToken(server, forged).get("/credentials"), 401, "Unauthorized");
        // a token that claims more than its credential has
        String inflated = Jwt.sign(new TokenClaims(server.adminAccessKey(), now, now, now + 60, null, false, false, null), jwtKey);
        assertApiError(ApiClient.withToken(server, inflated).get("/credentials"), 401, "Unauthorized");

        assertEquals(200, ApiClient.withToken(server, valid).get("/credentials").statusCode());
    }

    @Test
    void aDeletedCredentialsTokensStopWorking() throws Exception {
        Credential credential = server.keyring().create(Set.of("apiauthit-a"), true, false, "apiauthit: deleted");
        String secret = new String(credential.secret(), StandardCharsets.UTF_8);
        ApiClient client = ApiClient.awaitLogin(server, credential.accessKeyId(), secret);
        Map<String, Object> info = json(client.get("/credentials"));
        assertEquals(credential.accessKeyId(), info.get("access_key_id"));
        assertEquals(java.util.List.of("apiauthit-a"), info.get("buckets"));
        assertEquals(true, info.get("read_only"));
        assertEquals(false, info.get("admin"));

        // deleted as another node would: in the keystore file
        server.keyring().delete(credential.accessKeyId());
        Instant deadline = Instant.now().plus(RELOAD_DEADLINE);
        while (client.get("/credentials").statusCode() != 401) {
            if (Instant.now().isAfter(deadline)) fail("a deleted credential's token still works after " + RELOAD_DEADLINE);
            Thread.sleep(100);
        }
        assertApiError(client.get("/credentials"), 401, "Unauthorized");
        assertApiError(ApiClient.anonymous(server).post("/auth/token", ApiClient.tokenRequest(credential.accessKeyId(), secret)),
                401, "Unauthorized");
    }

    private static String message(Map<String, Object> error) {
        return (String) error.get("message");
    }
    /**
     * Ours: {@code POST /auth/refresh} trades a valid token for a new one with a full lifetime,
     * for the same credential and scope (a console renews before expiry, so a long upload does
     * not end signed out); no token, a bad one, or a token whose credential was deleted: 401.
     */
    @Test
    void aTokenIsRenewedForItsCredentialWhileTheCredentialLasts() throws Exception {
        io.volumegate.auth.Credential credential = server.keyring().create(java.util.Set.of("apiauthit-renew"), true, false, "renew");
        String id = credential.accessKeyId();
        ApiClient renewedClient;
        try {
            ApiClient signedIn = ApiClient.awaitLogin(server, id, new String(credential.secret(), java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> renewed = signedIn.post("/auth/refresh", "");
            assertEquals(200, renewed.statusCode(), renewed.body());
            Map<String, Object> answer = json(renewed);
            assertEquals(java.util.Set.of("token", "token_type", "expires_in"), answer.keySet());
            assertEquals("Bearer", answer.get("token_type"));
            assertEquals(900, ((Number) answer.get("expires_in")).intValue());
            renewedClient = ApiClient.withToken(server, (String) answer.get("token"));
            Map<String, Object> caller = json(renewedClient.get("/credentials"));
            assertEquals(id, caller.get("access_key_id"));
            assertEquals(true, caller.get("read_only"), "the same scope");
            assertEquals(200, renewedClient.post("/auth/refresh", "").statusCode(), "a renewed token renews too");

            assertApiError(ApiClient.anonymous(server).post("/auth/refresh", ""), 401, "Unauthorized");
            assertApiError(ApiClient.withToken(server, "not.a.token").post("/auth/refresh", ""), 401, "Unauthorized");
        } finally {
            server.keyring().delete(id);
        }
        // a session ends 12 hours after its sign-in: renewals keep its start (auth_time)
        byte[] jwtKey = server.keyring().jwtKey();
        long now = Instant.now().getEpochSecond();
        String old = Jwt.sign(new TokenClaims(server.adminAccessKey(), now, now, now + 60, null, false, true, now - 13 * 3600), jwtKey);
        assertEquals(200, ApiClient.withToken(server, old).get("/credentials").statusCode(), "still valid until it expires");
        assertTrue(message(assertApiError(ApiClient.withToken(server, old).post("/auth/refresh", ""), 401, "Unauthorized")).contains("sign in again"));
        String recent = Jwt.sign(new TokenClaims(server.adminAccessKey(), now, now, now + 60, null, false, true, now - 11 * 3600), jwtKey);
        HttpResponse<String> kept = ApiClient.withToken(server, recent).post("/auth/refresh", "");
        assertEquals(200, kept.statusCode(), kept.body());
        String payload = new String(Base64.getUrlDecoder().decode(((String) json(kept).get("token")).split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"auth_time\":" + (now - 11 * 3600)), payload);

        long deadline = System.nanoTime() + 5_000_000_000L;
        int status;
        do {
            Thread.sleep(100);
            status = renewedClient.post("/auth/refresh", "").statusCode();
        } while (status != 401 && System.nanoTime() < deadline);
        assertEquals(401, status, "a deleted credential's token is not renewed");
    }
}
