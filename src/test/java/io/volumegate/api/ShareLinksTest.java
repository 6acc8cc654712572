package io.volumegate.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShareLinksTest {
    private static final byte[] KEY = "share-link-key-0123456789abcdef!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aSignatureBindsBucketKeyAndExpiry() {
        String sig = ShareLinks.sign(KEY, "photos", "2024/a.jpg", 1_700_000_000L);
        assertTrue(sig.matches("[A-Za-z0-9_-]{43}"), sig);
        assertTrue(ShareLinks.verify(KEY, "photos", "2024/a.jpg", 1_700_000_000L, sig));
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/b.jpg", 1_700_000_000L, sig));
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/a.jpg/", 1_700_000_000L, sig));
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/../2024/a.jpg", 1_700_000_000L, sig));
        assertFalse(ShareLinks.verify(KEY, "photos2", "2024/a.jpg", 1_700_000_000L, sig));
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/a.jpg", 1_700_000_001L, sig));
        byte[] otherKey = KEY.clone();
        otherKey[3] ^= 1;
        assertFalse(ShareLinks.verify(otherKey, "photos", "2024/a.jpg", 1_700_000_000L, sig));
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/a.jpg", 1_700_000_000L, sig.substring(1)));
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/a.jpg", 1_700_000_000L, "!!!"));
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/a.jpg", 1_700_000_000L, ""));
    }

    @Test
    void aSignatureHasExactlyOneSpelling() {
        // The last base64url digit of 32 bytes carries two unused bits: three other digits
        // decode to the same bytes, and each must still be refused.
        String sig = ShareLinks.sign(KEY, "photos", "2024/a.jpg", 1_700_000_000L);
        for (char digit : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
            if (digit == sig.charAt(42)) continue;
            assertFalse(ShareLinks.verify(KEY, "photos", "2024/a.jpg", 1_700_000_000L, sig.substring(0, 42) + digit), sig + " -> " + digit);
        }
        assertFalse(ShareLinks.verify(KEY, "photos", "2024/a.jpg", 1_700_000_000L, null));
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        // a key holding a line feed must not sign the same as a different bucket/key split
        String sig = ShareLinks.sign(KEY, "b", "x\n1", 2L);
        assertFalse(ShareLinks.verify(KEY, "b", "x", 12L, sig));
        assertFalse(ShareLinks.verify(KEY, "b\nx", "1", 2L, sig));
    }

    @Test
    void linksAreEncodedPathsWithTheirSignature() {
        String link = ShareLinks.pathAndQuery(KEY, "docs", "a b/ü+?#.txt", 42L);
        assertEquals("/-/share/docs/a%20b/%C3%BC%2B%3F%23.txt?expires=42&sig=" + ShareLinks.sign(KEY, "docs", "a b/ü+?#.txt", 42L), link);
    }
}
