package io.volumegate.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** HMAC-SHA256, the one MAC behind SigV4, chunk signatures, JWTs and share links. */
public final class Hmac {
    private Hmac() {}

    public static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }

    /** HMAC-SHA256 of UTF-8 text. */
    public static byte[] sha256(byte[] key, String text) {
        return sha256(key, text.getBytes(StandardCharsets.UTF_8));
    }
}
