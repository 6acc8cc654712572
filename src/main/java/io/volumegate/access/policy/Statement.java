package io.volumegate.access.policy;

import java.util.List;

/**
 * One statement of a policy, compiled: it applies to a request when its action, resource,
 * principal and every condition match (each Not form inverted), and then allows or denies it.
 */
final class Statement {
    private final boolean deny;
    private final PrincipalMatcher principal;
    private final PatternList actions;
    private final PatternList resources;
    private final Condition[] conditions;

    Statement(boolean deny, PrincipalMatcher principal, PatternList actions, PatternList resources, List<Condition> conditions) {
        this.deny = deny;
        this.principal = principal;
        this.actions = actions;
        this.resources = resources;
        this.conditions = conditions.toArray(Condition[]::new);
    }

    boolean denies() {
        return deny;
    }

    /** Cheapest tests first: most statements of a policy do not speak of most actions. */
    boolean appliesTo(PolicyRequest request) {
        if (!actions.matches(request.action()) || !resources.matches(request.resource())) return false;
        if (!principal.matches(request.principals())) return false;
        for (Condition condition : conditions) {
            if (!condition.holds(request)) return false;
        }
        return true;
    }

    /** Whether it allows everyone, anonymous requests too, without a condition that keeps the public out. */
    boolean grantsPublicAccess() {
        if (deny || !principal.isEveryone()) return false;
        for (Condition condition : conditions) {
            if (PublicAccess.restricts(condition)) return false;
        }
        return true;
    }

    /** Whether a condition of this statement tests a key that starts with {@code prefix} (case-insensitive, as key names are). */
    boolean testsKeyStartingWith(String prefix) {
        for (Condition condition : conditions) {
            if (condition.key().regionMatches(true, 0, prefix, 0, prefix.length())) return true;
        }
        return false;
    }
}
