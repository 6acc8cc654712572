package io.volumegate.access.policy;

/**
 * One entry of a statement's Action (or NotAction): {@code *}, or {@code s3:} and an action name
 * with IAM's wildcards, both parts in any case ({@code s3:Get*}, {@code S3:getobject}). S3 refuses
 * ("Policy has invalid action") an entry of another service, one without a prefix
 * ({@code *GetObject}), and one that names or matches no S3 action ({@code s3:GetObjectz},
 * {@code s3:????}).
 */
final class ActionPattern {
    private static final String PREFIX = "s3:";

    private ActionPattern() {}

    /** @throws MalformedPolicyException "Policy has invalid action" */
    static WildcardPattern compile(String action) {
        if (action.equals("*")) return WildcardPattern.ANYTHING;
        if (!action.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) throw invalid();
        WildcardPattern pattern = WildcardPattern.of(action, true);
        for (String known : S3Actions.ALL) {
            if (pattern.matches(known)) return pattern;
        }
        throw invalid();
    }

    private static MalformedPolicyException invalid() {
        return new MalformedPolicyException(MalformedPolicyException.INVALID_ACTION);
    }
}
