package io.volumegate.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * S3's canned ACLs ({@code x-amz-acl}), each a shorthand for a list of grants. The grants to
 * groups come before the owner's, the order S3 servers answer them in and clients index by.
 */
public enum CannedAcl {
    PRIVATE("private"),
    PUBLIC_READ("public-read"),
    PUBLIC_READ_WRITE("public-read-write"),
    AUTHENTICATED_READ("authenticated-read"),
    BUCKET_OWNER_READ("bucket-owner-read"),
    BUCKET_OWNER_FULL_CONTROL("bucket-owner-full-control"),
    LOG_DELIVERY_WRITE("log-delivery-write"),
    // EC2 bundles on S3 read through the owner's own grant here: there is no EC2 to let in.
    AWS_EXEC_READ("aws-exec-read");

    private final String header;

    CannedAcl(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }

    /** The canned ACL an {@code x-amz-acl} value names; empty for any other text. */
    public static Optional<CannedAcl> of(String header) {
        return Arrays.stream(values()).filter(c -> c.header.equals(header)).findFirst();
    }

    /**
     * The ACL this stands for on a resource owned by {@code owner} in a bucket owned by
     * {@code bucketOwner} (the same as owner for a bucket itself).
     */
    public AccessControlList expand(String owner, String bucketOwner) {
        List<Grant> grants = new ArrayList<>();
        switch (this) {
            case PUBLIC_READ -> grants.add(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ));
            case PUBLIC_READ_WRITE -> {
                grants.add(Grant.toGroup(GroupUri.ALL_USERS, Permission.READ));
                grants.add(Grant.toGroup(GroupUri.ALL_USERS, Permission.WRITE));
            }
            case AUTHENTICATED_READ -> grants.add(Grant.toGroup(GroupUri.AUTHENTICATED_USERS, Permission.READ));
            case LOG_DELIVERY_WRITE -> {
                grants.add(Grant.toGroup(GroupUri.LOG_DELIVERY, Permission.WRITE));
                grants.add(Grant.toGroup(GroupUri.LOG_DELIVERY, Permission.READ_ACP));
            }
            default -> { }
        }
        grants.add(Grant.toUser(owner, Permission.FULL_CONTROL));
        if (!owner.equals(bucketOwner)) {
            if (this == BUCKET_OWNER_READ) grants.add(Grant.toUser(bucketOwner, Permission.READ));
            if (this == BUCKET_OWNER_FULL_CONTROL) grants.add(Grant.toUser(bucketOwner, Permission.FULL_CONTROL));
        }
        return new AccessControlList(owner, grants);
    }
}
