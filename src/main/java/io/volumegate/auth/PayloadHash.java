package io.volumegate.auth;

import java.util.Set;

/**
 * The values x-amz-content-sha256 may take. The verifier accepts them all; whether a
 * streaming mode is actually supported is the body reader's decision.
 */
public final class PayloadHash {
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    public static final String STREAMING_SIGNED = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public static final String STREAMING_SIGNED_TRAILER = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public static final String STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    public static final String STREAMING_ECDSA = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD";
    public static final String STREAMING_ECDSA_TRAILER = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER";
    /** SHA-256 of no bytes: what clients send for GET, HEAD and DELETE. */
    public static final String EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final Set<String> KEYWORDS = Set.of(UNSIGNED_PAYLOAD, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER,
            STREAMING_UNSIGNED_TRAILER, STREAMING_ECDSA, STREAMING_ECDSA_TRAILER);

    private PayloadHash() {
    }

    /** Whether S3 would accept this x-amz-content-sha256 value. */
    public static boolean isAccepted(String value) {
        return value != null && (KEYWORDS.contains(value) || isSha256Hex(value));
    }

    /** 64 hex digits in either case: S3 accepts upper-case hex, so some clients send it. */
    public static boolean isSha256Hex(String value) {
        if (value == null || value.length() != 64) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) return false;
        }
        return true;
    }
}
