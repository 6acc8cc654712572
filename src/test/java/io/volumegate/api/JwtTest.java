package io.volumegate.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);
    private static final long T = NOW.getEpochSecond();

    private static TokenClaims claims(long iat, Long nbf, long exp) {
        return new TokenClaims("VGKEY", iat, nbf, exp, List.of("a", "b"), true, false, null);
    }

    @Test
    void signedTokenVerifiesAndCarriesItsClaims() {
        String token = Jwt.sign(claims(T, T, T + 900), KEY);
        assertEquals(3, token.split("\\.").length);
        TokenClaims verified = Jwt.verify(token, KEY, NOW.plusSeconds(899));
        assertEquals("VGKEY", verified.sub());
        assertEquals(T + 900, verified.exp());
        assertEquals(List.of("a", "b"), verified.buckets());
        assertEquals(true, verified.readOnly());
        assertEquals(false, verified.admin());
        // snake_case on the wire, standard header
        assertTrue(decode(token.split("\\.")[1]).contains("\"read_only\":true"), decode(token.split("\\.")[1]));
        assertTrue(decode(token.split("\\.")[0]).contains("\"alg\":\"HS256\""));
    }

    @Test
    void allBucketsIsNull() {
        String token = Jwt.sign(new TokenClaims("K", T, null, T + 10, null, false, true, null), KEY);
        TokenClaims verified = Jwt.verify(token, KEY, NOW);
        assertNull(verified.buckets());
        assertNull(verified.nbf());
    }

    @Test
    void expiredTokenIsRefused() {
        String token = Jwt.sign(claims(T - 1000, T - 1000, T), KEY);
        assertInvalid(token, NOW, "expired");
        assertInvalid(token, NOW.plusSeconds(5), "expired");
    }

    @Test
    void notYetValidAndFutureIssuedTokensAreRefused() {
        assertInvalid(Jwt.sign(claims(T, T + 3600, T + 7200), KEY), NOW, "not valid yet");
        assertInvalid(Jwt.sign(claims(T + 3600, null, T + 7200), KEY), NOW, "future");
        // within the leeway for clocks of other nodes
        Jwt.verify(Jwt.sign(claims(T + 30, T + 30, T + 900), KEY), KEY, NOW);
    }

    @Test
    void missingExpOrIatOrSubIsRefused() {
        assertInvalid(Jwt.sign(new TokenClaims("K", T, null, null, null, false, false, null), KEY), NOW, "exp");
        assertInvalid(Jwt.sign(new TokenClaims("K", null, null, T + 10, null, false, false, null), KEY), NOW, "iat");
        assertInvalid(Jwt.sign(new TokenClaims(null, T, null, T + 10, null, false, false, null), KEY), NOW, "subject");
    }

    @Test
    void tamperedPayloadOrSignatureOrWrongKeyIsRefused() {
        String token = Jwt.sign(claims(T, T, T + 900), KEY);
        String[] parts = token.split("\\.");
        String elevated = encode(decode(parts[1]).replace("\"admin\":false", "\"admin\":true"));
        assertInvalid(parts[0] + "." + elevated + "." + parts[2], NOW, "signature");
        String otherSub = encode(decode(parts[1]).replace("VGKEY", "VGADMIN"));
        assertInvalid(parts[0] + "." + otherSub + "." + parts[2], NOW, "signature");

        char last = parts[2].charAt(0);
        String flipped = (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertInvalid(parts[0] + "." + parts[1] + "." + flipped, NOW, "signature");
        assertInvalid(parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10), NOW, "signature");

        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertInvalid(token, NOW, otherKey, "signature");
    }

    @Test
    void aSignatureHasExactlyOneSpelling() {
        // The last base64url digit of 32 bytes carries two unused bits: three other digits
        // decode to the same bytes, and each must still be refused.
        String token = Jwt.sign(claims(T, T, T + 900), KEY);
        int last = token.length() - 1;
        for (char digit : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            if (digit != token.charAt(last)) assertInvalid(token.substring(0, last) + digit, NOW, "signature");
        }
    }

    @Test
    void algorithmMustBeExactlyHs256() {
        String payload = Jwt.sign(claims(T, T, T + 900), KEY).split("\\.")[1];
        // alg=none with an empty or any signature
        String none = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        assertInvalid(none + "." + payload + ".", NOW, "malformed");
        assertInvalid(none + "." + payload + "." + encode("x"), NOW, "algorithm");
        for (String alg : List.of("HS512", "hs256", "RS256", "HS256 ", "")) {
            String header = encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
            String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(io.volumegate.auth.Hmac.sha256(KEY, header + "." + payload));
            assertInvalid(header + "." + payload + "." + signature, NOW, "algorithm");
        }
        String noAlg = encode("{\"typ\":\"JWT\"}");
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(io.volumegate.auth.Hmac.sha256(KEY, noAlg + "." + payload));
        assertInvalid(noAlg + "." + payload + "." + signature, NOW, "algorithm");
        // a correctly signed token with a crit header is still refused
        String crit = encode("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}");
        String critSignature = Base64.getUrlEncoder().withoutPadding().encodeToString(io.volumegate.auth.Hmac.sha256(KEY, crit + "." + payload));
        assertInvalid(crit + "." + payload + "." + critSignature, NOW, "critical");
    }

    @Test
    void malformedTokensAreRefused() {
        String token = Jwt.sign(claims(T, T, T + 900), KEY);
        for (String bad : List.of("", "a", "a.b", "a.b.c.d", token + ".", token + "=", "...",
                token.replace('-', '+'), " " + token, "e30.e30.e30", encode("[]") + ".e30.x")) {
            assertThrows(Jwt.InvalidTokenException.class, () -> Jwt.verify(bad, KEY, NOW), bad);
        }
        assertThrows(Jwt.InvalidTokenException.class, () -> Jwt.verify(null, KEY, NOW));
        assertThrows(Jwt.InvalidTokenException.class, () -> Jwt.verify("a".repeat(9000), KEY, NOW));
        // a header that is JSON but not an object, a payload that is not JSON
        String header = token.split("\\.")[0];
        String notJson = encode("not json");
        String signature = Base64.getUrlEncoder().withoutPadding().encodeToString(io.volumegate.auth.Hmac.sha256(KEY, header + "." + notJson));
        assertInvalid(header + "." + notJson + "." + signature, NOW, "malformed");
    }

    private static void assertInvalid(String token, Instant now, String why) {
        assertInvalid(token, now, KEY, why);
    }

    private static void assertInvalid(String token, Instant now, byte[] key, String why) {
        Jwt.InvalidTokenException e = assertThrows(Jwt.InvalidTokenException.class, () -> Jwt.verify(token, key, now), token);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
