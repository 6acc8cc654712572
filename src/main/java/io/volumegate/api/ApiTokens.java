package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.auth.Keyring;
import io.volumegate.config.Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Issues management API tokens for S3 key pairs and turns a request's bearer token back
 * into the credential it stands for. The credential is looked up in the {@link Keyring} on
 * every request (the keyring notices a changed keystore within half a second, and at once
 * on the node that changed it): a deleted credential's tokens stop working, and so do tokens
 * whose scope no longer matches the credential's.
 */
@ApplicationScoped
public class ApiTokens {
    private static final String BEARER = "Bearer ";

    @Inject
    Keyring keyring;
    @Inject
    Config config;

    Clock clock = Clock.systemUTC();

    /** A new token and its lifetime in seconds. */
    public record Issued(String token, long expiresIn) {}

    /**
     * A token for the key pair, or 401 when the pair is unknown or the secret is wrong (the
     * same answer for both, so the API does not tell which access key ids exist).
     */
    public Issued issue(String accessKeyId, String secretAccessKey) {
        if (accessKeyId == null || accessKeyId.isEmpty() || secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw ApiException.badRequest("access_key_id and secret_access_key are required.");
        }
        Optional<Credential> found = keyring.find(accessKeyId);
        byte[] given = secretAccessKey.getBytes(StandardCharsets.UTF_8);
        byte[] secret = found.map(Credential::secret).orElse(new byte[32]);
        boolean matches = MessageDigest.isEqual(secret, given);
        if (found.isEmpty() || !matches) throw ApiException.unauthorized("The access key id or the secret access key is not valid.");
        return issue(found.get(), null);
    }

    /**
     * A new token for the caller of a valid token, with a full lifetime from now: a console
     * renews before its token expires, so a long upload does not end signed out. The session
     * keeps its start ({@code auth_time}), and ends {@link #MAX_SESSION_SECONDS} after it: then
     * only the key pair signs in again. 401 as {@link #authenticate} for a token that is not
     * valid (expired included) or whose credential was deleted or changed.
     */
    public Issued renew(String authorization) {
        Credential credential = authenticate(authorization);
        TokenClaims claims = claimsOf(authorization);
        long signedInAt = claims.authTime() != null ? claims.authTime() : claims.iat();
        if (clock.instant().getEpochSecond() - signedInAt >= MAX_SESSION_SECONDS) {
            throw ApiException.unauthorized("This session began " + MAX_SESSION_SECONDS / 3600 + " hours ago; sign in again with the key pair.");
        }
        return issue(credential, signedInAt);
    }

    /** A renewal is refused this long after the sign-in: 12 hours. */
    static final long MAX_SESSION_SECONDS = 12 * 3600;

    private Issued issue(Credential credential, Long signedInAt) {
        long lifetime = config.apiTokenLifetime().getSeconds();
        long now = clock.instant().getEpochSecond();
        TokenClaims claims = new TokenClaims(credential.accessKeyId(), now, now, now + lifetime, bucketsOf(credential),
                credential.readOnly(), credential.admin(), signedInAt);
        return new Issued(Jwt.sign(claims, keyring.jwtKey()), lifetime);
    }

    /**
     * The credential behind an {@code Authorization: Bearer} header.
     *
     * @throws ApiException 401 when the header is missing or not a bearer token, the token is
     *                      invalid or expired, or its credential was deleted or changed
     */
    public Credential authenticate(String authorization) {
        TokenClaims claims = claimsOf(authorization);
        Credential credential = keyring.find(claims.sub())
                .orElseThrow(() -> ApiException.unauthorized("The token's credential no longer exists."));
        if (!sameScope(claims, credential)) throw ApiException.unauthorized("The token's credential has changed; get a new token.");
        return credential;
    }

    /** The claims of a valid bearer token, or 401. */
    private TokenClaims claimsOf(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("This endpoint needs a token: send Authorization: Bearer <token> from POST /api/v1/auth/token.");
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiException.unauthorized("The Authorization header must be a Bearer token.");
        }
        String token = authorization.substring(BEARER.length()).strip();
        try {
            return Jwt.verify(token, keyring.jwtKey(), clock.instant());
        } catch (Jwt.InvalidTokenException e) {
            throw ApiException.unauthorized(e.getMessage());
        }
    }

    private static boolean sameScope(TokenClaims claims, Credential credential) {
        return java.util.Objects.equals(claims.buckets(), bucketsOf(credential))
                && Boolean.valueOf(credential.readOnly()).equals(claims.readOnly())
                && Boolean.valueOf(credential.admin()).equals(claims.admin());
    }

    /** Sorted bucket names, null for every bucket, empty for none. */
    static List<String> bucketsOf(Credential credential) {
        return bucketsOf(credential.buckets());
    }

    static List<String> bucketsOf(Set<String> buckets) {
        if (buckets.equals(Credential.NO_BUCKET)) return List.of();
        return buckets.isEmpty() ? null : List.copyOf(new TreeSet<>(buckets));
    }

    Instant now() { return clock.instant(); }
}
