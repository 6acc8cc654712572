package io.volumegate.objects;

import io.volumegate.storage.StorageException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Continuation tokens are the resume key itself, versioned and base64url-encoded: opaque
 * to clients, yet stateless, so any node sharing the volume can continue a listing that
 * another node started.
 */
public final class ContinuationTokens {
    private static final String VERSION = "1:";

    private ContinuationTokens() {}

    public static String encode(String resumeAfter) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + resumeAfter).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws StorageException INVALID_TOKEN for anything {@link #encode} did not make */
    public static String decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(VERSION)) return text.substring(VERSION.length());
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw new StorageException(StorageException.Reason.INVALID_TOKEN, "The continuation token provided is incorrect.");
    }
}
