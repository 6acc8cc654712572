package io.volumegate.access.policy;

/**
 * One value of a condition, compiled at parse time for its operator (a number, a date, a CIDR
 * range, a pattern...), tested against one value of the request.
 */
@FunctionalInterface
interface ValueMatcher {
    /** Whether the request's value matches; a value that is not of the operator's type does not. */
    boolean matches(String requestValue);
}
