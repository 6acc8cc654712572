package io.volumegate.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who makes a request, as access control sees it: a credential, known by a canonical user id
 * (what ACLs and owners name) and its access key id (what policies may name as well), or
 * nobody at all ({@link #ANONYMOUS}, an unsigned request).
 *
 * <p>The canonical id is derived from the access key id, not stored: every node computes the
 * same id for the same credential, and it survives restarts without a table to keep in step.
 * It is 64 hex digits like S3's, and the hash keeps it from telling one key id from another.
 */
public record Principal(String canonicalId, String accessKeyId) {
    /** Ids already hashed: every signed request asks for its requester's. */
    private static final Map<String, String> CANONICAL_IDS = new ConcurrentHashMap<>();

    /** An unsigned request: covered only by grants to everybody and policies naming "*". */
    public static final Principal ANONYMOUS = new Principal("", "");

    private static final String ID_SEED = "volumegate-principal:";

    public Principal {
        Objects.requireNonNull(canonicalId, "canonicalId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
    }

    /** The principal of the credential with this access key id. */
    public static Principal ofAccessKey(String accessKeyId) {
        return new Principal(canonicalIdOf(accessKeyId), accessKeyId);
    }

    /** The canonical user id of the credential with this access key id. */
    public static String canonicalIdOf(String accessKeyId) {
        String id = CANONICAL_IDS.get(accessKeyId);
        if (id == null) {
            if (CANONICAL_IDS.size() >= 4096) CANONICAL_IDS.clear(); // bounded; a miss costs one hash
            id = hashOf(accessKeyId);
            CANONICAL_IDS.put(accessKeyId, id);
        }
        return id;
    }

    private static String hashOf(String accessKeyId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((ID_SEED + accessKeyId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public boolean isAnonymous() {
        return canonicalId.isEmpty();
    }

    /** The names a bucket policy's Principal may use for this principal; none when anonymous. */
    public Set<String> policyNames() {
        return isAnonymous() ? Set.of() : Set.of(canonicalId, accessKeyId);
    }

    /** S3 shows an owner's display name beside its id; ours is the access key id, which is no secret. */
    public String displayName() {
        return accessKeyId;
    }
}
