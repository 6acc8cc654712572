package io.volumegate.auth;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * An S3 access key and what it may touch.
 *
 * @param accessKeyId the public half, sent by clients in the credential scope
 * @param secret      UTF-8 bytes of the secret access key; copied in and out so that no
 *                    caller can change the stored secret through a shared array
 * @param buckets     buckets this key may use; empty means every bucket
 * @param readOnly    when true the key may only read, whatever else it is granted
 * @param admin       may use the administration API; does not widen bucket access, so an
 *                    admin key restricted to some buckets stays restricted there
 */
public record Credential(String accessKeyId, byte[] secret, Set<String> buckets, boolean readOnly, boolean admin) {
    /**
     * The scope of a credential that reaches no bucket by scope: like an S3 account of its own,
     * it may create buckets, which it then owns, and reaches others only where their ACLs and
     * policies let it in. "/" is in no bucket name, so no bucket is covered.
     */
    public static final Set<String> NO_BUCKET = Set.of("/");

    /** The requester of an unsigned request: scoped to no bucket, let in only by ACLs and policies. */
    public static final Credential ANONYMOUS = new Credential("", new byte[0], NO_BUCKET, false, false);

    public Credential {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secret, "secret");
        secret = secret.clone();
        buckets = buckets == null ? Set.of() : Set.copyOf(buckets);
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * Whether this key may read from {@code bucket}. A null bucket is a service-level
     * request such as ListBuckets, which any valid key may make (the listing itself is
     * filtered by the caller).
     */
    public boolean mayRead(String bucket) {
        return bucket == null || coversBucket(bucket);
    }

    /**
     * Whether this key may change {@code bucket}. S3 has no service-level writes today; a
     * null bucket is allowed only to unrestricted, writable keys so that any future one
     * cannot be reached by a key scoped to a few buckets.
     */
    public boolean mayWrite(String bucket) {
        if (readOnly) return false;
        return bucket == null ? buckets.isEmpty() : coversBucket(bucket);
    }

    /** Whether this is {@link #ANONYMOUS}, nobody. */
    public boolean isAnonymous() {
        return accessKeyId.isEmpty();
    }

    /** Whether this credential reaches buckets only by ownership, ACLs and policies ({@link #NO_BUCKET}). */
    public boolean scopedToNoBucket() {
        return buckets.equals(NO_BUCKET);
    }

    /**
     * Whether this key may create {@code bucket}: one whose scope covers it, or an
     * account-like key scoped to no bucket, which will own what it creates.
     */
    public boolean mayCreate(String bucket) {
        return mayWrite(bucket) || (!readOnly && !isAnonymous() && scopedToNoBucket());
    }

    private boolean coversBucket(String bucket) {
        return buckets.isEmpty() || buckets.contains(bucket);
    }

    // Records compare arrays by identity and print them; compare the secret by content
    // and never print it, so a credential in a log line or assertion message is harmless.
    @Override
    public boolean equals(Object other) {
        return other instanceof Credential that
                && accessKeyId.equals(that.accessKeyId)
                && Arrays.equals(secret, that.secret)
                && buckets.equals(that.buckets)
                && readOnly == that.readOnly
                && admin == that.admin;
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, buckets, readOnly, admin);
    }

    @Override
    public String toString() {
        return "Credential[accessKeyId=" + accessKeyId + ", buckets=" + buckets
                + ", readOnly=" + readOnly + ", admin=" + admin + "]";
    }
}
