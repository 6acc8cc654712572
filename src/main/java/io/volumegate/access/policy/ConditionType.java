package io.volumegate.access.policy;

/**
 * A condition block's name, e.g. {@code ForAnyValue:StringLikeIfExists}: an optional set
 * qualifier, an operator, an optional {@code IfExists}. Names are case-sensitive, as S3 reads
 * them: {@code stringequals} is refused like any unknown name.
 *
 * @param ifExists a key the request lacks makes the condition true, whatever the operator
 */
record ConditionType(SetQualifier qualifier, ConditionOperator operator, boolean ifExists) {
    private static final String IF_EXISTS = "IfExists";

    /** @throws MalformedPolicyException "Invalid Condition type : ..." */
    static ConditionType parse(String name) {
        SetQualifier qualifier = SetQualifier.NONE;
        for (SetQualifier candidate : SetQualifier.values()) {
            if (candidate != SetQualifier.NONE && name.startsWith(candidate.prefix)) qualifier = candidate;
        }
        String rest = name.substring(qualifier.prefix.length());
        boolean ifExists = rest.endsWith(IF_EXISTS);
        if (ifExists) rest = rest.substring(0, rest.length() - IF_EXISTS.length());
        ConditionOperator operator = ConditionOperator.named(rest);
        // Null tests presence itself: "NullIfExists" and a set of presences mean nothing.
        if (operator == null || (operator == ConditionOperator.NULL && (ifExists || qualifier != SetQualifier.NONE))) {
            throw MalformedPolicyException.invalidConditionType(name);
        }
        return new ConditionType(qualifier, operator, ifExists);
    }
}
