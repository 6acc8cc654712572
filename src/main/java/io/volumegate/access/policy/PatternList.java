package io.volumegate.access.policy;

import java.util.List;

/**
 * A statement's Action or Resource list (or NotAction / NotResource): the statement applies to a
 * request's action or resource when one pattern matches it (for the Not form: when none does).
 */
final class PatternList {
    private final WildcardPattern[] patterns;
    private final boolean negated;

    PatternList(List<WildcardPattern> patterns, boolean negated) {
        this.patterns = patterns.toArray(WildcardPattern[]::new);
        this.negated = negated;
    }

    boolean matches(String text) {
        for (WildcardPattern pattern : patterns) {
            if (pattern.matches(text)) return !negated;
        }
        return negated;
    }
}
