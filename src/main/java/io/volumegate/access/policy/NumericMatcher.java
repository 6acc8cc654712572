package io.volumegate.access.policy;

import java.math.BigDecimal;

/**
 * A value of a Numeric operator ({@code NumericLessThan} and the rest): an integer or a decimal,
 * compared exactly (BigDecimal, so {@code 10} and {@code 10.0} are equal and no double rounds a
 * large integer).
 */
record NumericMatcher(BigDecimal policyValue, Comparison comparison) implements ValueMatcher {
    static NumericMatcher of(String policyValue, Comparison comparison) {
        BigDecimal number = parse(policyValue);
        if (number == null) throw new MalformedPolicyException(MalformedPolicyException.INVALID_NUMBER);
        return new NumericMatcher(number, comparison);
    }

    @Override
    public boolean matches(String requestValue) {
        BigDecimal number = parse(requestValue);
        return number != null && comparison.holds(number.compareTo(policyValue));
    }

    /** The number, or null when the text is not one (no exponent, no sign but a leading minus). */
    private static BigDecimal parse(String text) {
        if (!isDecimal(text)) return null;
        return new BigDecimal(text);
    }

    /** Checked before BigDecimal sees it: no exception per request for a value that is no number. */
    private static boolean isDecimal(String text) {
        int start = text.startsWith("-") ? 1 : 0;
        int digits = 0;
        boolean point = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (c == '.' && !point) point = true;
            else return false;
        }
        return digits > 0 && digits <= 64;
    }
}
