package io.volumegate.access.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * IAM's condition operators, without the {@code IfExists} suffix and the {@code ForAnyValue:} /
 * {@code ForAllValues:} qualifiers ({@link ConditionType} reads those). Each compiles a policy value
 * into a {@link ValueMatcher}; a negated operator ({@code StringNotEquals}, {@code NotIpAddress}...)
 * is its positive twin's matcher read the other way: it holds when the request's value matches
 * none of the policy's values (AWS's "NOR").
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, value -> value::equals),
    STRING_NOT_EQUALS("StringNotEquals", true, value -> value::equals),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, value -> value::equalsIgnoreCase),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, value -> value::equalsIgnoreCase),
    STRING_LIKE("StringLike", false, value -> WildcardPattern.of(value, false)),
    STRING_NOT_LIKE("StringNotLike", true, value -> WildcardPattern.of(value, false)),
    NUMERIC_EQUALS("NumericEquals", false, value -> NumericMatcher.of(value, Comparison.EQUALS)),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, value -> NumericMatcher.of(value, Comparison.EQUALS)),
    NUMERIC_LESS_THAN("NumericLessThan", false, value -> NumericMatcher.of(value, Comparison.LESS_THAN)),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, value -> NumericMatcher.of(value, Comparison.LESS_THAN_EQUALS)),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, value -> NumericMatcher.of(value, Comparison.GREATER_THAN)),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false,
            value -> NumericMatcher.of(value, Comparison.GREATER_THAN_EQUALS)),
    DATE_EQUALS("DateEquals", false, value -> DateMatcher.of(value, Comparison.EQUALS)),
    DATE_NOT_EQUALS("DateNotEquals", true, value -> DateMatcher.of(value, Comparison.EQUALS)),
    DATE_LESS_THAN("DateLessThan", false, value -> DateMatcher.of(value, Comparison.LESS_THAN)),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, value -> DateMatcher.of(value, Comparison.LESS_THAN_EQUALS)),
    DATE_GREATER_THAN("DateGreaterThan", false, value -> DateMatcher.of(value, Comparison.GREATER_THAN)),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, value -> DateMatcher.of(value, Comparison.GREATER_THAN_EQUALS)),
    BOOL("Bool", false, value -> booleanText(value)::equalsIgnoreCase),
    /** Base64 text, compared as given. */
    BINARY_EQUALS("BinaryEquals", false, value -> value::equals),
    IP_ADDRESS("IpAddress", false, IpRange::parse),
    NOT_IP_ADDRESS("NotIpAddress", true, IpRange::parse),
    ARN_EQUALS("ArnEquals", false, ArnPattern::of),
    ARN_LIKE("ArnLike", false, ArnPattern::of),
    ARN_NOT_EQUALS("ArnNotEquals", true, ArnPattern::of),
    ARN_NOT_LIKE("ArnNotLike", true, ArnPattern::of),
    /**
     * Whether the key is absent ({@code true}) or present ({@code false}); it reads no request
     * value, so {@link Condition} decides it, and its matcher only checks the policy's value.
     */
    NULL("Null", false, value -> booleanText(value)::equalsIgnoreCase);

    private static final Map<String, ConditionOperator> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(operator -> operator.text, operator -> operator));

    /** The name as a policy writes it; AWS matches it case-sensitively. */
    private final String text;
    private final boolean negated;
    private final Function<String, ValueMatcher> compiler;

    ConditionOperator(String text, boolean negated, Function<String, ValueMatcher> compiler) {
        this.text = text;
        this.negated = negated;
        this.compiler = compiler;
    }

    /** The operator of that exact name, or null. */
    static ConditionOperator named(String text) {
        return BY_NAME.get(text);
    }

    boolean negated() {
        return negated;
    }

    /** @throws MalformedPolicyException when the value is not of the operator's type */
    ValueMatcher compile(String value) {
        return compiler.apply(value);
    }

    /** {@code true} or {@code false}, in any case (JSON's {@code true} arrives as its text). */
    private static String booleanText(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new MalformedPolicyException(MalformedPolicyException.INVALID_BOOLEAN);
        }
        return lower;
    }

    @Override
    public String toString() {
        return text;
    }
}
