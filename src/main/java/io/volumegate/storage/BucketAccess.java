package io.volumegate.storage;

import java.util.Properties;

/**
 * Who owns a bucket and whom else it lets in, as the bucket's settings keep it. Storage keeps
 * these as the caller wrote them and does not interpret them.
 *
 * @param owner           the owner's id; null when not recorded (a folder made by another program)
 * @param acl             the bucket's ACL in the caller's notation; null for the owner's private ACL
 * @param policy          the bucket policy document as given; null for none
 * @param accessBlock     the public access block; null for none
 * @param objectOwnership the ownership control (S3's ObjectOwnership value); null for none
 */
public record BucketAccess(String owner, String acl, String policy, AccessBlock accessBlock, String objectOwnership) {
    public static final BucketAccess NONE = new BucketAccess(null, null, null, null, null);

    private static final String OWNER = "owner";
    private static final String ACL = "acl";
    private static final String POLICY = "policy";
    private static final String BLOCK = "public-access-block";
    private static final String OWNERSHIP = "object-ownership";

    /** S3's four public access block switches. */
    public record AccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                              boolean restrictPublicBuckets) {
        String encode() {
            return blockPublicAcls + "," + ignorePublicAcls + "," + blockPublicPolicy + "," + restrictPublicBuckets;
        }

        static AccessBlock decode(String text) {
            String[] flags = text.split(",", -1);
            if (flags.length != 4) throw new IllegalArgumentException("public access block of unknown format: " + text);
            return new AccessBlock(Boolean.parseBoolean(flags[0]), Boolean.parseBoolean(flags[1]), Boolean.parseBoolean(flags[2]),
                    Boolean.parseBoolean(flags[3]));
        }
    }

    public BucketAccess withOwner(String value) {
        return new BucketAccess(value, acl, policy, accessBlock, objectOwnership);
    }

    public BucketAccess withAcl(String value) {
        return new BucketAccess(owner, value, policy, accessBlock, objectOwnership);
    }

    public BucketAccess withPolicy(String value) {
        return new BucketAccess(owner, acl, value, accessBlock, objectOwnership);
    }

    public BucketAccess withAccessBlock(AccessBlock value) {
        return new BucketAccess(owner, acl, policy, value, objectOwnership);
    }

    public BucketAccess withObjectOwnership(String value) {
        return new BucketAccess(owner, acl, policy, accessBlock, value);
    }

    void putInto(Properties p) {
        if (owner != null) p.setProperty(OWNER, owner);
        if (acl != null) p.setProperty(ACL, acl);
        if (policy != null) p.setProperty(POLICY, policy);
        if (accessBlock != null) p.setProperty(BLOCK, accessBlock.encode());
        if (objectOwnership != null) p.setProperty(OWNERSHIP, objectOwnership);
    }

    static BucketAccess from(Properties p) {
        String block = p.getProperty(BLOCK);
        return new BucketAccess(p.getProperty(OWNER), p.getProperty(ACL), p.getProperty(POLICY),
                block == null ? null : AccessBlock.decode(block), p.getProperty(OWNERSHIP));
    }
}
