package io.volumegate.objects;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.AclCodec;
import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.access.policy.MalformedPolicyException;
import io.volumegate.storage.BucketAccess.AccessBlock;
import io.volumegate.storage.BucketAccess;

import java.util.logging.Logger;

/**
 * A bucket's access settings, parsed once for as long as the settings file is unchanged.
 *
 * @param owner           the owner's canonical id; {@link VolumeOwner#ID} for a folder another program made
 * @param acl             the bucket's ACL (private to the owner unless set)
 * @param policy          the bucket policy; null for none
 * @param block           the public access block; {@link #NO_BLOCK} when none is set
 * @param objectOwnership S3's ObjectOwnership control; null when none is set
 * @param policyUnreadable whether a policy is stored that does not parse (edited by hand on
 *                        the volume): the bucket is then closed to all but its administrators
 *                        until the policy is replaced, never opened by a policy nobody can read
 */
public record BucketRules(String owner, AccessControlList acl, BucketPolicy policy, AccessBlock block, String objectOwnership,
                          boolean policyUnreadable) {
    private static final Logger LOG = Logger.getLogger(BucketRules.class.getName());

    /** No public access block: every switch off. */
    public static final AccessBlock NO_BLOCK = new AccessBlock(false, false, false, false);
    /** The ownership control under which ACLs are off and the bucket owner owns every object. */
    public static final String BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced";
    /** The ownership control under which a write with bucket-owner-full-control gives the object to the bucket's owner. */
    public static final String BUCKET_OWNER_PREFERRED = "BucketOwnerPreferred";

    static BucketRules of(String bucket, BucketAccess access) {
        String owner = access.owner() == null ? VolumeOwner.ID : access.owner();
        AccessControlList acl = access.acl() == null ? AccessControlList.privateTo(owner)
                : new AccessControlList(owner, AclCodec.decode(access.acl()));
        BucketPolicy policy = null;
        boolean unreadable = false;
        if (access.policy() != null) {
            try {
                policy = BucketPolicy.parse(access.policy(), bucket);
            } catch (MalformedPolicyException e) {
                LOG.warning("The stored policy of bucket " + bucket + " does not parse (" + e.getMessage()
                        + "); only administrators reach the bucket until the policy is replaced.");
                unreadable = true;
            }
        }
        return new BucketRules(owner, acl, policy, access.accessBlock() == null ? NO_BLOCK : access.accessBlock(),
                access.objectOwnership(), unreadable);
    }

    /** Whether grants to everybody in ACLs are ignored (IgnorePublicAcls). */
    public boolean ignoresPublicAcls() {
        return block.ignorePublicAcls();
    }

    /** Whether ACLs are off for this bucket (ObjectOwnership BucketOwnerEnforced). */
    public boolean aclsDisabled() {
        return BUCKET_OWNER_ENFORCED.equals(objectOwnership);
    }

    /** Whether the policy makes the bucket public (GetBucketPolicyStatus). */
    public boolean policyIsPublic() {
        return policy != null && policy.isPublic();
    }
}
