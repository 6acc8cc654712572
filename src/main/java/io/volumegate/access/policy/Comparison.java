package io.volumegate.access.policy;

/** How a Numeric or Date operator compares the request's value with the policy's. */
enum Comparison {
    EQUALS, LESS_THAN, LESS_THAN_EQUALS, GREATER_THAN, GREATER_THAN_EQUALS;

    /** Whether {@code requestValue.compareTo(policyValue)}, given as {@code order}, satisfies it. */
    boolean holds(int order) {
        return switch (this) {
            case EQUALS -> order == 0;
            case LESS_THAN -> order < 0;
            case LESS_THAN_EQUALS -> order <= 0;
            case GREATER_THAN -> order > 0;
            case GREATER_THAN_EQUALS -> order >= 0;
        };
    }
}
