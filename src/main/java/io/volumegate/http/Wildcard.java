package io.volumegate.http;

import java.util.Locale;

/**
 * A CORS pattern: an origin or a header name, exact or with one {@code *} standing for any
 * characters (none included), compared without regard to case.
 */
public record Wildcard(String prefix, String suffix, boolean wildcard) {
    /** @throws IllegalArgumentException when the pattern holds more than one {@code *} */
    public static Wildcard of(String pattern) {
        String lower = pattern.toLowerCase(Locale.ROOT);
        int star = lower.indexOf('*');
        if (star < 0) return new Wildcard(lower, "", false);
        if (lower.indexOf('*', star + 1) >= 0) throw new IllegalArgumentException("more than one '*' in " + pattern);
        return new Wildcard(lower.substring(0, star), lower.substring(star + 1), true);
    }

    /** Whether the pattern is a lone {@code *}, which matches everything. */
    public boolean matchesAll() {
        return wildcard && prefix.isEmpty() && suffix.isEmpty();
    }

    public boolean matches(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (!wildcard) return lower.equals(prefix);
        return lower.length() >= prefix.length() + suffix.length() && lower.startsWith(prefix) && lower.endsWith(suffix);
    }
}
