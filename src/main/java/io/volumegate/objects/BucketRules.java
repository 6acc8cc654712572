package io.volumegate.objects;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.AclCodec;
import io.volumegate.access.policy.BucketPolicy;
import io.volumegate.storage.BucketAccess;
import io.volumegate.storage.BucketAccess.AccessBlock;

/**
 * A bucket's access settings, parsed once for as long as the settings file is unchanged.
 *
 * @param owner           the owner's canonical id; {@link VolumeOwner#ID} for a folder another program made
 * @param acl             the bucket's ACL (private to the owner unless set)
 * @param policy          the bucket policy; null for none
 * @param block           the public access block; {@link #NO_BLOCK} when none is set
 * @param objectOwnership S3's ObjectOwnership control; null when none is set
 */
public record BucketRules(String owner, AccessControlList acl, BucketPolicy policy, AccessBlock block, String objectOwnership) {
    /** No public access block: every switch off. */
    public static final AccessBlock NO_BLOCK = new AccessBlock(false, false, false, false);
    /** The ownership control under which ACLs are off and the bucket owner owns every object. */
    public static final String BUCKET_OWNER_ENFORCED = "BucketOwnerEnforced";

    static BucketRules of(String bucket, BucketAccess access) {
        String owner = access.owner() == null ? VolumeOwner.ID : access.owner();
        AccessControlList acl = access.acl() == null ? AccessControlList.privateTo(owner)
                : new AccessControlList(owner, AclCodec.decode(access.acl()));
        BucketPolicy policy = access.policy() == null ? null : BucketPolicy.parse(access.policy(), bucket);
        return new BucketRules(owner, acl, policy, access.accessBlock() == null ? NO_BLOCK : access.accessBlock(),
                access.objectOwnership());
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
