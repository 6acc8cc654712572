package io.volumegate.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An S3 access control list: the resource's owner and its grants, kept in one order whatever
 * order they came in: grants to groups first, then grants to users, each in the order given.
 * That is the order canned ACLs expand to and S3 servers answer in, so an ACL read back lists
 * its grants as clients expect. A resource without a stored ACL has the private one,
 * {@link #privateTo(String)}.
 */
public record AccessControlList(String owner, List<Grant> grants) {
    public AccessControlList {
        Objects.requireNonNull(owner, "owner");
        List<Grant> ordered = new ArrayList<>(grants);
        ordered.sort(java.util.Comparator.comparing(grant -> grant.grantee() instanceof Grantee.User)); // stable: false first
        grants = List.copyOf(ordered);
    }

    /** The ACL every bucket and object has until told otherwise: its owner may do everything. */
    public static AccessControlList privateTo(String owner) {
        return CannedAcl.PRIVATE.expand(owner, owner);
    }

    /** Whether some grant lets {@code principal} do what {@code needed} allows; with {@code ignorePublic}, grants to groups do not count. */
    public boolean allows(Principal principal, Permission needed, boolean ignorePublic) {
        for (Grant grant : grants) {
            if (ignorePublic && grant.isPublic()) continue;
            if (grant.allows(principal, needed)) return true;
        }
        return false;
    }

    /** Whether any grant is to everybody or to every signed request (S3 Block Public Access's "public"). */
    public boolean isPublic() {
        return grants.stream().anyMatch(Grant::isPublic);
    }

    /** Whether this is exactly the private ACL of its owner, which needs no storing. */
    public boolean isPrivate() {
        return equals(privateTo(owner));
    }
}
