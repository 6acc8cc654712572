package io.volumegate.objects;

import io.volumegate.access.Principal;

/**
 * Who asks, as access decisions need to know them.
 *
 * @param principal the requester ({@link Principal#ANONYMOUS} for an unsigned request)
 * @param inScope   whether the credential's own bucket scope already allows the access
 * @param readOnly  a read-only credential, which never writes whatever else allows it
 * @param admin     an administrator, who keeps the bucket policy in reach even when it denies everything
 */
public record Requester(Principal principal, boolean inScope, boolean readOnly, boolean admin) {
    public static final Requester ANONYMOUS = new Requester(Principal.ANONYMOUS, false, false, false);
}
