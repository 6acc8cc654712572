package io.volumegate.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** HMAC-SHA256, the one MAC behind SigV4, chunk signatures, JWTs and share links. */
public final class Hmac {
    /**
     * One Mac per thread: {@code Mac.getInstance} walks the security providers each time,
     * which costs more than the MAC of a SigV4 string to sign. A JDK class only, so a
     * container thread that keeps it holds nothing of ours after an undeploy.
     */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(Hmac::newMac);

    private Hmac() {}

    public static byte[] sha256(byte[] key, byte[] data) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an HMAC key", e);
        }
        return mac.doFinal(data);
    }

    /** HMAC-SHA256 of UTF-8 text. */
    public static byte[] sha256(byte[] key, String text) {
        return sha256(key, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac newMac() {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime provides HmacSHA256", e);
        }
    }
}
