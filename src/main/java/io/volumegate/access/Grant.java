package io.volumegate.access;

import java.util.Objects;

/** One line of an ACL: a grantee and what it may do. */
public record Grant(Grantee grantee, Permission permission) {
    public Grant {
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(permission, "permission");
    }

    public static Grant toUser(String canonicalId, Permission permission) {
        return new Grant(new Grantee.User(canonicalId), permission);
    }

    public static Grant toGroup(GroupUri group, Permission permission) {
        return new Grant(new Grantee.Group(group), permission);
    }

    /** Whether this grant lets {@code principal} do what {@code needed} allows. */
    boolean allows(Principal principal, Permission needed) {
        return permission.includes(needed) && grantee.covers(principal);
    }

    /** A grant to everybody, or to everybody with a signature: what Block Public Access calls public. */
    boolean isPublic() {
        return grantee instanceof Grantee.Group group && group.uri().isPublic();
    }
}
