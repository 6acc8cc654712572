package io.volumegate.objects;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.AclCodec;
import io.volumegate.access.Permission;
import io.volumegate.access.Principal;
import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.access.policy.PolicyEffect;
import io.volumegate.access.policy.PolicyRequest;
import io.volumegate.storage.BucketAccess.AccessBlock;
import io.volumegate.storage.BucketAccess;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Who may do what, for both APIs: owners, ACLs, bucket policies and public access blocks,
 * kept on the volume (bucket ACL and policy in the bucket's settings, an object's owner and
 * ACL in its metadata), so every node decides alike and obeys a change at its next request.
 *
 * <p>How the pieces combine, as AWS combines identity and resource policies: a read-only
 * credential never writes; an explicit Deny in the bucket policy wins over everything; a
 * credential whose bucket scope covers the bucket is let in, as is the bucket's owner; then a
 * policy Allow, then an ACL grant. A bucket with neither policy nor ACL costs one stat of its
 * settings file (parsed settings are cached by its stamp) and nothing else.
 */
@ApplicationScoped
public class AccessService {
    private static final String EXISTING_TAG = "s3:ExistingObjectTag/";

    @Inject
    Volume volume;

    private final Map<String, CachedRules> rules = new ConcurrentHashMap<>();

    private record CachedRules(BucketAccess source, BucketRules rules) {}

    /** The bucket's access settings, parsed; NO_SUCH_BUCKET when there is none. */
    public BucketRules rules(String bucket) throws IOException {
        BucketAccess access = volume.bucket(bucket).settings().access();
        CachedRules cached = rules.get(bucket);
        // The settings are cached by file stamp, so unchanged settings are the very same instance.
        if (cached != null && cached.source() == access) return cached.rules();
        BucketRules parsed = BucketRules.of(bucket, access);
        rules.put(bucket, new CachedRules(access, parsed));
        return parsed;
    }

    /**
     * Decides whether {@code who} may do {@code check} on the bucket or on the object at
     * {@code key} (and {@code versionId}, null for the latest). A missing bucket is let
     * through, so the operation answers NoSuchBucket as S3 does. {@code requestContext} gives the
     * policy condition keys of the request; it is asked only when the bucket has a policy.
     */
    public AccessDecision decide(Requester who, AccessCheck check, String bucket, String key, String versionId,
                                 Supplier<Map<String, List<String>>> requestContext) throws IOException {
        if (who.readOnly() && check.writes()) return AccessDecision.READ_ONLY;
        BucketRules bucketRules;
        try {
            bucketRules = rules(bucket);
        } catch (StorageException e) {
            if (e.reason() == Reason.NO_SUCH_BUCKET) return AccessDecision.ALLOWED;
            throw e;
        }
        if (bucketRules.policyUnreadable() && !who.admin()) return AccessDecision.DENIED_BY_POLICY;
        PolicyEffect effect = PolicyEffect.NONE;
        // The condition keys are built only for a bucket with a policy: most buckets have none,
        // and every one of their requests would pay for a map it never reads.
        Map<String, List<String>> context = bucketRules.policy() == null ? Map.of() : requestContext.get();
        if (bucketRules.policy() != null) {
            Map<String, List<String>> facts = withExistingTags(bucketRules.policy(), check, bucket, key, versionId, context);
            effect = bucketRules.policy().evaluate(new PolicyRequest(check.action(), PolicyResources.arn(bucket, key),
                    who.principal().policyNames(), facts));
            // The bucket's owner and administrators can always mend the policy itself, as the root
            // user of an AWS account can, or one bad Deny would lock the bucket for good.
            boolean mender = who.admin() || isOwner(who.principal(), bucketRules.owner());
            if (effect == PolicyEffect.DENY && !(mender && PolicyResources.isPolicyAction(check.action()))) {
                return AccessDecision.DENIED_BY_POLICY;
            }
        }
        Principal principal = who.principal();
        if (who.inScope() || isOwner(principal, bucketRules.owner())) return AccessDecision.ALLOWED;
        boolean restricted = bucketRules.block().restrictPublicBuckets() && bucketRules.policyIsPublic();
        if (restricted) return AccessDecision.NOT_GRANTED; // a public policy's bucket is closed to everyone but its own
        if (effect == PolicyEffect.ALLOW) return AccessDecision.ALLOWED;
        if (check.aclPermission() == null || bucketRules.aclsDisabled()) return AccessDecision.NOT_GRANTED;
        boolean ignorePublic = bucketRules.ignoresPublicAcls();
        if (!check.onObject()) return granted(bucketRules.acl(), principal, check.aclPermission(), ignorePublic);
        StoredObject object;
        try {
            object = head(bucket, key, versionId);
        } catch (StorageException e) {
            if (!isMissingObject(e)) throw e;
            return mayLearnItIsMissing(principal, bucketRules, bucket, key, context);
        }
        AccessControlList acl = objectAcl(object, bucketRules);
        if (isOwner(principal, acl.owner())) return AccessDecision.ALLOWED;
        return granted(acl, principal, check.aclPermission(), ignorePublic);
    }

    /** Whether the principal owns the bucket; false when there is no such bucket (any more). */
    public boolean owns(Principal principal, String bucket) throws IOException {
        try {
            return isOwner(principal, rules(bucket).owner());
        } catch (StorageException e) {
            if (e.reason() == Reason.NO_SUCH_BUCKET) return false;
            throw e;
        }
    }

    /**
     * The context with the object's tags as {@code s3:ExistingObjectTag/<key>}, when the policy
     * tests them: reading them costs a read of the object's metadata, so only such policies pay it.
     */
    private Map<String, List<String>> withExistingTags(BucketPolicy policy, AccessCheck check, String bucket, String key,
                                                       String versionId, Map<String, List<String>> context) throws IOException {
        if (!check.onObject() || key == null || !policy.testsKeyStartingWith(EXISTING_TAG)) return context;
        Map<String, String> tags;
        try {
            tags = head(bucket, key, versionId).metadata().map(ObjectMetadata::tags).orElse(Map.of());
        } catch (StorageException e) {
            if (isMissingObject(e)) return context;
            throw e;
        }
        Map<String, List<String>> facts = new java.util.HashMap<>(context);
        tags.forEach((name, value) -> facts.put(EXISTING_TAG + name, List.of(value)));
        return facts;
    }

    /**
     * S3's answer to a request for a key that is not there: 404 to whoever may list the bucket
     * under that prefix (its policy's s3:ListBucket, or the bucket ACL's READ), 403 to everyone
     * else, so that keys do not leak.
     */
    private static AccessDecision mayLearnItIsMissing(Principal principal, BucketRules bucketRules, String bucket, String key,
                                                      Map<String, List<String>> context) {
        if (bucketRules.policy() != null) {
            Map<String, List<String>> listing = new java.util.HashMap<>(context);
            listing.put("s3:prefix", List.of(key));
            PolicyEffect effect = bucketRules.policy().evaluate(new PolicyRequest("s3:ListBucket", PolicyResources.arn(bucket, null),
                    principal.policyNames(), listing));
            if (effect == PolicyEffect.DENY) return AccessDecision.NOT_GRANTED;
            if (effect == PolicyEffect.ALLOW) return AccessDecision.ALLOWED;
        }
        return granted(bucketRules.acl(), principal, Permission.READ, bucketRules.ignoresPublicAcls());
    }

    // ---- bucket settings -----------------------------------------------------------------

    /** Records who owns a bucket just made, and its ACL (null: private). */
    public void initialiseBucket(String bucket, String owner, AccessControlList acl) throws IOException {
        update(bucket, access -> access.withOwner(owner).withAcl(encodeUnlessPrivate(acl)));
    }

    public void setBucketAcl(String bucket, AccessControlList acl) throws IOException {
        update(bucket, access -> access.withAcl(encodeUnlessPrivate(acl)));
    }

    /** Sets the bucket policy (already parsed and so valid), or removes it with null. */
    public void setPolicy(String bucket, BucketPolicy policy) throws IOException {
        update(bucket, access -> access.withPolicy(policy == null ? null : policy.text()));
    }

    /** Sets the public access block, or removes it with null. */
    public void setAccessBlock(String bucket, AccessBlock block) throws IOException {
        update(bucket, access -> access.withAccessBlock(block));
    }

    /** Sets the ObjectOwnership control, or removes it with null. */
    public void setObjectOwnership(String bucket, String ownership) throws IOException {
        update(bucket, access -> access.withObjectOwnership(ownership));
    }

    private void update(String bucket, UnaryOperator<BucketAccess> change) throws IOException {
        volume.bucket(bucket).updateSettings(settings -> settings.withAccess(change.apply(settings.access())));
    }

    // ---- objects -------------------------------------------------------------------------

    /** The ACL of the object (or version), with its owner: the writer, or the bucket's owner. */
    public AccessControlList objectAcl(ObjectRef ref) throws IOException {
        return objectAcl(head(ref.bucket(), ref.key(), ref.versionId()), rules(ref.bucket()));
    }

    /** The ACL of a stored object: as recorded, or private to its owner. */
    public AccessControlList objectAcl(StoredObject object, BucketRules bucketRules) {
        ObjectMetadata metadata = object.metadata().orElse(null);
        String owner = ownerOf(metadata, bucketRules);
        if (bucketRules.aclsDisabled() || metadata == null || metadata.acl() == null) return AccessControlList.privateTo(owner);
        return new AccessControlList(owner, AclCodec.decode(metadata.acl()));
    }

    /** The owner of an object with this metadata: its writer, or the bucket's owner when none is recorded or ACLs are off. */
    public static String ownerOf(ObjectMetadata metadata, BucketRules bucketRules) {
        if (bucketRules.aclsDisabled() || metadata == null || metadata.owner() == null) return bucketRules.owner();
        return metadata.owner();
    }

    /** Replaces the object's (or version's) ACL; its owner stays. */
    public void setObjectAcl(ObjectRef ref, AccessControlList acl) throws IOException {
        volume.bucket(ref.bucket()).updateMetadata(ref.key(), ref.versionId(),
                metadata -> metadata.toBuilder().acl(encodeUnlessPrivate(acl)).build());
    }

    /** What a new object's metadata records of its owner and ACL. */
    public static ObjectMetadata.Builder stamp(ObjectMetadata.Builder metadata, AccessControlList acl) {
        return metadata.owner(acl.owner()).acl(encodeUnlessPrivate(acl));
    }

    // ---- helpers -------------------------------------------------------------------------

    private StoredObject head(String bucket, String key, String versionId) throws IOException {
        return versionId == null ? volume.bucket(bucket).stat(key) : volume.bucket(bucket).stat(key, versionId);
    }

    private static String encodeUnlessPrivate(AccessControlList acl) {
        return acl == null || acl.isPrivate() ? null : AclCodec.encode(acl.grants());
    }

    private static boolean isOwner(Principal principal, String owner) {
        return !principal.isAnonymous() && principal.canonicalId().equals(owner);
    }

    private static AccessDecision granted(AccessControlList acl, Principal principal, Permission needed, boolean ignorePublic) {
        return acl.allows(principal, needed, ignorePublic) ? AccessDecision.ALLOWED : AccessDecision.NOT_GRANTED;
    }

    private static boolean isMissingObject(StorageException e) {
        return e.reason() == Reason.NO_SUCH_KEY || e.reason() == Reason.NO_SUCH_VERSION
                || e.reason() == Reason.VERSION_IS_DELETE_MARKER || e.reason() == Reason.INVALID_KEY;
    }
}
