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
