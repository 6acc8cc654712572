package io.volumegate.access.policy;

/**
 * A value of the ARN operators ({@code ArnEquals}, {@code ArnLike} and their negations, which IAM
 * defines alike): case-sensitive, and "each of the six colon-delimited components of the ARN is
 * checked separately", each with its own wildcards, so a {@code *} in the service component never
 * reaches into the region. The sixth component, the resource, runs to the end and may hold colons.
 * A value that is no ARN (such as {@code *}) is matched as one pattern.
 */
final class ArnPattern implements ValueMatcher {
    private static final int COMPONENTS = 6;

    private final WildcardPattern[] components;
    private final WildcardPattern whole;

    private ArnPattern(WildcardPattern[] components, WildcardPattern whole) {
        this.components = components;
        this.whole = whole;
    }

    static ArnPattern of(String value) {
        String[] parts = value.split(":", COMPONENTS);
        if (parts.length < COMPONENTS) return new ArnPattern(null, WildcardPattern.of(value, false));
        WildcardPattern[] components = new WildcardPattern[COMPONENTS];
        for (int i = 0; i < COMPONENTS; i++) components[i] = WildcardPattern.of(parts[i], false);
        return new ArnPattern(components, null);
    }

    @Override
    public boolean matches(String arn) {
        if (components == null) return whole.matches(arn);
        int from = 0;
        for (int i = 0; i < COMPONENTS - 1; i++) {
            int colon = arn.indexOf(':', from);
            if (colon < 0 || !components[i].matches(arn, from, colon)) return false;
            from = colon + 1;
        }
        return components[COMPONENTS - 1].matches(arn, from, arn.length());
    }
}
