package io.volumegate.api;

import io.volumegate.auth.Hmac;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens (RFC 7519) in the one form this server issues and accepts: a JWS in
 * compact serialization signed with HMAC-SHA256. Verification is strict: three base64url
 * parts without padding, a header whose {@code alg} is exactly {@code HS256} (so
 * {@code none}, {@code HS512} or {@code RS256} tricks fail before any key is used), no
 * {@code crit} extensions, a signature compared in constant time, then {@code exp},
 * {@code nbf} and {@code iat} against the clock.
 */
public final class Jwt {
    public static final String ALGORITHM = "HS256";
    /** Tolerance for nbf and iat: another node's clock may run a little ahead. */
    static final Duration LEEWAY = Duration.ofSeconds(60);
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_LENGTH = 8192;

    private Jwt() {}

    /** Why a token was refused; the message is safe to show the client. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    /** The JOSE header: only what this server reads. */
    public record Header(String alg, String typ, Object crit) {}

    public static String sign(TokenClaims claims, byte[] key) {
        String header = encode(ApiJson.toJson(Map.of("alg", ALGORITHM, "typ", "JWT")));
        String payload = encode(ApiJson.toJson(claims));
        String signingInput = header + '.' + payload;
        return signingInput + '.' + ENCODER.encodeToString(Hmac.sha256(key, signingInput));
    }

    /**
     * The claims of a token this server signed with {@code key}, if it is valid at {@code now}.
     *
     * @throws InvalidTokenException for anything else
     */
    public static TokenClaims verify(String token, byte[] key, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) throw invalid("The token is malformed.");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) throw invalid("The token is malformed: a JWT has three parts.");
        for (String part : parts) {
            if (!PART.matcher(part).matches()) throw invalid("The token is malformed: its parts must be base64url without padding.");
        }
        Header header = parse(parts[0], Header.class);
        if (!ALGORITHM.equals(header.alg())) throw invalid("The token's algorithm must be " + ALGORITHM + ".");
        if (header.typ() != null && !"JWT".equals(header.typ())) throw invalid("The token's type must be JWT.");
        if (header.crit() != null) throw invalid("The token uses critical extensions this server does not know.");

        // The signature's text is compared, not its decoded bytes: the last base64url character
        // of an HMAC-SHA256 has two unused bits, and a token must have exactly one spelling.
        String expected = ENCODER.encodeToString(Hmac.sha256(key, parts[0] + '.' + parts[1]));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
            throw invalid("The token's signature is not valid.");
        }

        TokenClaims claims = parse(parts[1], TokenClaims.class);
        if (claims.sub() == null || claims.sub().isEmpty()) throw invalid("The token names no subject.");
        if (claims.exp() == null || claims.iat() == null) throw invalid("The token must carry exp and iat.");
        long seconds = now.getEpochSecond();
        if (seconds >= claims.exp()) throw invalid("The token has expired.");
        if (claims.nbf() != null && seconds + LEEWAY.getSeconds() < claims.nbf()) throw invalid("The token is not valid yet.");
        if (seconds + LEEWAY.getSeconds() < claims.iat()) throw invalid("The token was issued in the future.");
        return claims;
    }

    private static <T> T parse(String part, Class<T> type) {
        try {
            return ApiJson.read(decode(part), type);
        } catch (ApiException malformed) {
            throw invalid("The token is malformed: a part is not the expected JSON.");
        }
    }

    private static byte[] decode(String part) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw invalid("The token is malformed: a part is not base64url.");
        }
    }

    private static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static InvalidTokenException invalid(String message) {
        return new InvalidTokenException(message);
    }
}
