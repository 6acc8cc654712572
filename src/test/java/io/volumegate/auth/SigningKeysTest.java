package io.volumegate.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SigningKeysTest {
    private static Credential credential(String secret) {
        return new Credential("AKIDSIGNINGKEYS", secret.getBytes(StandardCharsets.UTF_8), Set.of(), false, false);
    }

    @Test
    void aCachedKeyIsTheDerivedOne() {
        Credential credential = credential("first-secret");
        byte[] derived = SigV4Signer.signingKey("first-secret".getBytes(StandardCharsets.UTF_8), "20261202", "us-east-1");
        assertArrayEquals(derived, SigningKeys.of(credential, "20261202", "us-east-1"));
        assertArrayEquals(derived, SigningKeys.of(credential, "20261202", "us-east-1"), "the second, cached answer");
    }

    @Test
    void aCredentialWithANewSecretUnderTheSameIdGetsItsOwnKey() {
        SigningKeys.of(credential("old-secret"), "20261202", "us-east-1");
        byte[] expected = SigV4Signer.signingKey("new-secret".getBytes(StandardCharsets.UTF_8), "20261202", "us-east-1");
        assertArrayEquals(expected, SigningKeys.of(credential("new-secret"), "20261202", "us-east-1"));
    }

    @Test
    void anotherDayOrRegionIsAnotherKey() {
        Credential credential = credential("day-secret");
        byte[] today = SigningKeys.of(credential, "20261202", "us-east-1");
        assertFalse(Arrays.equals(today, SigningKeys.of(credential, "20261203", "us-east-1")));
        assertFalse(Arrays.equals(today, SigningKeys.of(credential, "20261202", "eu-west-1")));
    }

    @Test
    void whatACallerDoesToItsKeyDoesNotReachTheCache() {
        Credential credential = credential("copy-secret");
        byte[] first = SigningKeys.of(credential, "20261202", "us-east-1");
        byte[] kept = first.clone();
        Arrays.fill(first, (byte) 0);
        assertArrayEquals(kept, SigningKeys.of(credential, "20261202", "us-east-1"));
    }
}
