package io.volumegate.objects;

import io.volumegate.access.Permission;

/**
 * What a request needs to be let in, in protocol-neutral terms.
 *
 * @param action        the policy action, such as {@code s3:GetObject}
 * @param aclPermission what an ACL grant must allow; null when no ACL can grant it (only
 *                      the owner, the credential's scope or a policy can)
 * @param onObject      whether that grant is looked for in the object's ACL (READ, READ_ACP,
 *                      WRITE_ACP of an object) rather than the bucket's
 * @param writes        whether it changes anything, so a read-only credential may never do it
 */
public record AccessCheck(String action, Permission aclPermission, boolean onObject, boolean writes) {}
