package io.volumegate.access.policy;

import java.time.Instant;

/** A value of a Date operator ({@code DateLessThan} and the rest), compared as instants. */
record DateMatcher(Instant policyValue, Comparison comparison) implements ValueMatcher {
    static DateMatcher of(String policyValue, Comparison comparison) {
        Instant date = PolicyDates.parse(policyValue);
        if (date == null) throw new MalformedPolicyException(MalformedPolicyException.INVALID_DATE);
        return new DateMatcher(date, comparison);
    }

    @Override
    public boolean matches(String requestValue) {
        Instant date = PolicyDates.parse(requestValue);
        return date != null && comparison.holds(date.compareTo(policyValue));
    }
}
