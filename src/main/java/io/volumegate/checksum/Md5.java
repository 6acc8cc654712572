package io.volumegate.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The MD5 every object's ETag is made of, computed while its bytes stream past. */
public final class Md5 {
    private Md5() {}

    /** A fresh MD5 computation. */
    public static MessageDigest start() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
