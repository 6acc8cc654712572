package io.volumegate.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialTest {
    private static final byte[] SECRET = "s3cr3t-value".getBytes(StandardCharsets.UTF_8);

    @Test
    void unrestrictedKeyReadsAndWritesEverywhere() {
        Credential key = new Credential("AK", SECRET, Set.of(), false, false);
        assertTrue(key.mayRead("any"));
        assertTrue(key.mayWrite("any"));
        assertTrue(key.mayRead(null));
        assertTrue(key.mayWrite(null));
    }

    @Test
    void bucketListLimitsBothReadAndWrite() {
        Credential key = new Credential("AK", SECRET, Set.of("photos"), false, false);
        assertTrue(key.mayRead("photos"));
        assertTrue(key.mayWrite("photos"));
        assertFalse(key.mayRead("backups"));
        assertFalse(key.mayWrite("backups"));
        assertTrue(key.mayRead(null), "ListBuckets is open to every key");
        assertFalse(key.mayWrite(null), "service-level writes need an unrestricted key");
    }

    @Test
    void readOnlyNeverWrites() {
        Credential key = new Credential("AK", SECRET, Set.of(), true, true);
        assertTrue(key.mayRead("photos"));
        assertFalse(key.mayWrite("photos"));
        assertFalse(key.mayWrite(null));
    }

    @Test
    void adminFlagDoesNotWidenBucketAccess() {
        Credential key = new Credential("AK", SECRET, Set.of("photos"), false, true);
        assertFalse(key.mayRead("backups"));
    }

    @Test
    void secretAndBucketsCannotBeChangedFromOutside() {
        byte[] secret = SECRET.clone();
        Set<String> buckets = new HashSet<>(Set.of("photos"));
        Credential key = new Credential("AK", secret, buckets, false, false);
        secret[0] = 'X';
        key.secret()[1] = 'Y';
        buckets.add("backups");
        assertArrayEquals(SECRET, key.secret());
        assertFalse(key.mayRead("backups"));
    }

    @Test
    void equalityUsesSecretContentAndPrintingHidesIt() {
        Credential a = new Credential("AK", SECRET, Set.of(), false, false);
        assertEquals(a, new Credential("AK", SECRET.clone(), Set.of(), false, false));
        assertNotEquals(a, new Credential("AK", "other".getBytes(StandardCharsets.UTF_8), Set.of(), false, false));
        assertFalse(a.toString().contains("s3cr3t"), a.toString());
    }
}
