package io.volumegate.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SigV4 signing keys, derived once per credential, day and region instead of four HMACs on
 * every request (as the SDKs cache them on their side). Keyed by the credential itself: a
 * record whose secret array is its own, so a credential replaced in the keystore (new
 * secret, new instance) never meets the key of the old one. Bounded: past
 * {@link #MAX_ENTRIES} the cache starts again, which only costs the derivations.
 */
final class SigningKeys {
    static final int MAX_ENTRIES = 4096;

    private record Scope(Credential credential, String date, String region) {}

    private static final Map<Scope, byte[]> KEYS = new ConcurrentHashMap<>();

    private SigningKeys() {}

    /** The signing key of {@code credential} for {@code date} (yyyyMMdd) and {@code region}; a copy. */
    static byte[] of(Credential credential, String date, String region) {
        Scope scope = new Scope(credential, date, region);
        byte[] key = KEYS.get(scope);
        if (key == null) {
            if (KEYS.size() >= MAX_ENTRIES) KEYS.clear();
            key = SigV4Signer.signingKey(credential.secret(), date, region);
            KEYS.put(scope, key);
        }
        return key.clone();
    }
}
