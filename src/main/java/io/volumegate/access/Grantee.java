package io.volumegate.access;

/** Whom an ACL grant is to: one principal, or one of S3's predefined groups. */
public sealed interface Grantee {
    /** Whether {@code principal} is this grantee (or belongs to this group). */
    boolean covers(Principal principal);

    /** A principal named by its canonical user id. */
    record User(String id) implements Grantee {
        @Override
        public boolean covers(Principal principal) {
            return !principal.isAnonymous() && principal.canonicalId().equals(id);
        }
    }

    /** One of S3's predefined groups, named by URI. */
    record Group(GroupUri uri) implements Grantee {
        @Override
        public boolean covers(Principal principal) {
            return switch (uri) {
                case ALL_USERS -> true;
                case AUTHENTICATED_USERS -> !principal.isAnonymous();
                case LOG_DELIVERY -> false; // server access logging is not offered, so nobody delivers logs
            };
        }
    }
}
