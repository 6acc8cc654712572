package io.volumegate.access.policy;

/** What a bucket policy says of one request. */
public enum PolicyEffect {
    /** A statement that applies allows the request, and none that applies denies it. */
    ALLOW,
    /** A statement that applies denies the request; this wins over any that allows it. */
    DENY,
    /** No statement applies: the policy neither allows nor denies, so ACLs and ownership decide. */
    NONE
}
