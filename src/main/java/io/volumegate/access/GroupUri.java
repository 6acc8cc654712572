package io.volumegate.access;

import java.util.Arrays;
import java.util.Optional;

/** S3's predefined grantee groups and the URIs clients name them by. */
public enum GroupUri {
    ALL_USERS("http://acs.amazonaws.com/groups/global/AllUsers"),
    AUTHENTICATED_USERS("http://acs.amazonaws.com/groups/global/AuthenticatedUsers"),
    LOG_DELIVERY("http://acs.amazonaws.com/groups/s3/LogDelivery");

    private final String uri;

    GroupUri(String uri) {
        this.uri = uri;
    }

    public String uri() {
        return uri;
    }

    /** The group of that URI; empty for any other text. */
    public static Optional<GroupUri> of(String uri) {
        return Arrays.stream(values()).filter(g -> g.uri.equals(uri)).findFirst();
    }

    /** Whether a grant to this group opens a resource to the public (S3 Block Public Access's definition). */
    public boolean isPublic() {
        return this != LOG_DELIVERY;
    }
}
