package io.volumegate.access.policy;

/**
 * A pattern in IAM's wildcards: {@code *} stands for any run of characters (none too), {@code ?}
 * for exactly one; every other character for itself. Policies name actions, resources and
 * {@code StringLike} values this way.
 *
 * <p>Compiled once, when the policy is parsed, into the cheapest shape that decides it (anything,
 * a literal, a prefix, or the general case), since it is matched on every request of a bucket
 * with a policy; matching allocates nothing. The general case walks text and pattern once,
 * going back only to the last {@code *} seen, which bounds it by their lengths' product and keeps
 * it linear for the patterns policies hold.
 */
final class WildcardPattern implements ValueMatcher {
    static final WildcardPattern ANYTHING = new WildcardPattern("*", false, Shape.ANYTHING, "");

    private enum Shape { ANYTHING, LITERAL, PREFIX, GENERAL }

    /** The pattern; in lower case (char by char, so lengths stay) when it ignores case. */
    private final String pattern;
    private final boolean ignoreCase;
    private final Shape shape;
    /** For LITERAL, the pattern; for PREFIX, the pattern without its final {@code *}. */
    private final String fixed;

    private WildcardPattern(String pattern, boolean ignoreCase, Shape shape, String fixed) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.shape = shape;
        this.fixed = fixed;
    }

    /** The pattern, compared case-sensitively, or, with {@code ignoreCase}, in any case. */
    static WildcardPattern of(String pattern, boolean ignoreCase) {
        String folded = ignoreCase ? lowerCase(pattern) : pattern;
        int firstWildcard = firstWildcard(folded);
        if (folded.equals("*")) return ANYTHING;
        if (firstWildcard < 0) return new WildcardPattern(folded, ignoreCase, Shape.LITERAL, folded);
        if (firstWildcard == folded.length() - 1 && folded.charAt(firstWildcard) == '*') {
            return new WildcardPattern(folded, ignoreCase, Shape.PREFIX, folded.substring(0, firstWildcard));
        }
        return new WildcardPattern(folded, ignoreCase, Shape.GENERAL, "");
    }

    /** Whether the text has a {@code *} or {@code ?}, i.e. is a pattern and not a fixed value. */
    static boolean hasWildcard(String text) {
        return firstWildcard(text) >= 0;
    }

    @Override
    public boolean matches(String text) {
        return matches(text, 0, text.length());
    }

    /** Whether the part of the text from {@code from} (inclusive) to {@code to} (exclusive) matches. */
    boolean matches(String text, int from, int to) {
        return switch (shape) {
            case ANYTHING -> true;
            case LITERAL -> to - from == fixed.length() && text.regionMatches(ignoreCase, from, fixed, 0, fixed.length());
            case PREFIX -> to - from >= fixed.length() && text.regionMatches(ignoreCase, from, fixed, 0, fixed.length());
            case GENERAL -> matchesGeneral(text, from, to);
        };
    }

    private boolean matchesGeneral(String text, int from, int to) {
        int p = 0;
        int t = from;
        int lastStar = -1;
        int resumeAt = from;
        while (t < to) {
            if (p < pattern.length()) {
                char c = pattern.charAt(p);
                if (c == '*') {
                    // Let the star match nothing for now; on a mismatch it takes one more character.
                    lastStar = p++;
                    resumeAt = t;
                    continue;
                }
                if (c == '?' || c == fold(text.charAt(t))) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (lastStar < 0) return false;
            p = lastStar + 1;
            t = ++resumeAt;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }

    /**
     * Whether some text that starts with {@code prefix} matches: S3 accepts a Resource only when
     * it can name the policy's bucket or objects in it ({@code arn:aws:s3:::buck*}, {@code *}).
     * Decided by running the pattern as an automaton over the prefix: whatever state survives it
     * can always be completed, since any rest of a pattern matches some text.
     */
    boolean matchesSomethingStartingWith(String prefix) {
        boolean[] states = new boolean[pattern.length() + 1];
        states[0] = true;
        closeOverStars(states);
        for (int i = 0; i < prefix.length(); i++) {
            char c = fold(prefix.charAt(i));
            boolean[] next = new boolean[states.length];
            boolean alive = false;
            for (int p = 0; p < pattern.length(); p++) {
                if (!states[p]) continue;
                char wanted = pattern.charAt(p);
                if (wanted == '*') next[p] = true;
                else if (wanted == '?' || wanted == c) next[p + 1] = true;
                else continue;
                alive = true;
            }
            if (!alive) return false;
            closeOverStars(next);
            states = next;
        }
        return true;
    }

    /** A state before a star is also a state after it: the star may match nothing. */
    private void closeOverStars(boolean[] states) {
        for (int p = 0; p < pattern.length(); p++) {
            if (states[p] && pattern.charAt(p) == '*') states[p + 1] = true;
        }
    }

    private char fold(char c) {
        return ignoreCase ? Character.toLowerCase(c) : c;
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') return i;
        }
        return -1;
    }

    /** Lower case char by char: String.toLowerCase may change the length (Turkish dotted I). */
    private static String lowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) chars[i] = Character.toLowerCase(chars[i]);
        return new String(chars);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
