package io.volumegate.access.policy;

import java.util.List;

/**
 * One key under one operator of a statement's Condition block, e.g. {@code "StringLike":
 * {"s3:prefix": ["home/", "public/*"]}}: the values are ORed (NORed for a negated operator).
 *
 * <p>IAM's rules for a key the request lacks (no values counts as lacking): the condition is false,
 * except for a negated operator (true), {@code ForAllValues:} (true, vacuously), {@code Null}
 * (which asks exactly that) and {@code ...IfExists} (true, whatever the operator).
 */
final class Condition {
    private final ConditionType type;
    private final String key;
    /** As written, for {@link PublicAccess} to judge whether they are fixed. */
    private final List<String> values;
    private final ValueMatcher[] matchers;
    /** For Null: whether "true" (the key is absent) / "false" (the key is present) is among the values. */
    private final boolean nullWhenAbsent;
    private final boolean nullWhenPresent;

    private Condition(ConditionType type, String key, List<String> values) {
        this.type = type;
        this.key = key;
        this.values = values;
        this.matchers = values.stream().map(type.operator()::compile).toArray(ValueMatcher[]::new);
        this.nullWhenAbsent = values.stream().anyMatch("true"::equalsIgnoreCase);
        this.nullWhenPresent = values.stream().anyMatch("false"::equalsIgnoreCase);
    }

    /** @throws MalformedPolicyException for an unknown key or a value not of the operator's type */
    static Condition of(ConditionType type, String key, List<String> values) {
        if (!ConditionKeys.isValid(key)) throw new MalformedPolicyException(MalformedPolicyException.INVALID_CONDITION_KEY);
        return new Condition(type, key, values);
    }

    ConditionType type() {
        return type;
    }

    String key() {
        return key;
    }

    List<String> values() {
        return values;
    }

    boolean holds(PolicyRequest request) {
        List<String> actual = request.values(key);
        if (type.operator() == ConditionOperator.NULL) return actual.isEmpty() ? nullWhenAbsent : nullWhenPresent;
        if (actual.isEmpty() && type.ifExists()) return true;
        boolean negated = type.operator().negated();
        // The loops below give the rules for an absent key too: "some" of nothing is false, "every" true.
        return switch (type.qualifier()) {
            case NONE -> someValue(actual, true) != negated;
            case FOR_ANY_VALUE -> someValue(actual, !negated);
            case FOR_ALL_VALUES -> !someValue(actual, negated);
        };
    }

    /** Whether some request value's "matches one of the policy's values" equals {@code answer}. */
    private boolean someValue(List<String> actual, boolean answer) {
        for (int i = 0; i < actual.size(); i++) {
            if (matchesPolicyValue(actual.get(i)) == answer) return true;
        }
        return false;
    }

    private boolean matchesPolicyValue(String value) {
        for (ValueMatcher matcher : matchers) {
            if (matcher.matches(value)) return true;
        }
        return false;
    }
}
