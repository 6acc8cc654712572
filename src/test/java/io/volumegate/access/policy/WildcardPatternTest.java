package io.volumegate.access.policy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IAM's wildcards: {@code *} any run of characters, {@code ?} one; the rest literally. */
class WildcardPatternTest {
    private static boolean matches(String pattern, String text) {
        return WildcardPattern.of(pattern, false).matches(text);
    }

    @Test
    void eachShapeMatchesWhatItShould() {
        assertTrue(matches("*", ""));
        assertTrue(matches("*", "anything/at:all"));
        assertTrue(matches("photos", "photos"));
        assertFalse(matches("photos", "photo"));
        assertFalse(matches("photos", "photos/"));
        assertTrue(matches("photos/*", "photos/"));
        assertTrue(matches("photos/*", "photos/a/b/c"));
        assertFalse(matches("photos/*", "photos"));
        assertTrue(matches("a?c", "abc"));
        assertFalse(matches("a?c", "ac"));
        assertFalse(matches("a?c", "abbc"));
        assertTrue(matches("*.jpg", "cats/kitten.jpg"));
        assertFalse(matches("*.jpg", "cats/kitten.jpeg"));
        assertTrue(matches("a*b*c", "a-b-b-c"));
        assertTrue(matches("a**c", "ac"));
        assertFalse(matches("a*b*c", "a-c-b"));
        assertTrue(matches("*?", "x"));
        assertFalse(matches("*?", ""));
    }

    /** IAM's own example for arn:aws:s3:::amzn-s3-demo-bucket/STAR/test/STAR. */
    @Test
    void aStarMatchesAcrossSlashes() {
        String pattern = "arn:aws:s3:::amzn-s3-demo-bucket/*/test/*";
        assertTrue(matches(pattern, "arn:aws:s3:::amzn-s3-demo-bucket/1///test///object.jpg"));
        assertTrue(matches(pattern, "arn:aws:s3:::amzn-s3-demo-bucket//test/object.jpg"));
        assertTrue(matches(pattern, "arn:aws:s3:::amzn-s3-demo-bucket/1/test/"));
        assertFalse(matches(pattern, "arn:aws:s3:::amzn-s3-demo-bucket/1-test/object.jpg"));
        assertFalse(matches(pattern, "arn:aws:s3:::amzn-s3-demo-bucket/test/object.jpg"));
        assertFalse(matches(pattern, "arn:aws:s3:::amzn-s3-demo-bucket/1/2/test.jpg"));
    }

    @Test
    void caseMattersUnlessIgnored() {
        assertFalse(matches("Photos/*", "photos/a"));
        assertTrue(WildcardPattern.of("S3:Get*", true).matches("s3:getobject"));
        assertTrue(WildcardPattern.of("s3:getobject", true).matches("S3:GetObject"));
        assertTrue(WildcardPattern.of("s3:g?t*", true).matches("S3:GETObject"));
        assertFalse(WildcardPattern.of("s3:get*", false).matches("s3:GetObject"));
    }

    @Test
    void aRegionOfTheTextMatchesOnItsOwn() {
        WildcardPattern pattern = WildcardPattern.of("b*", false);
        assertTrue(pattern.matches("a:bcd:e", 2, 5));
        assertFalse(pattern.matches("a:bcd:e", 1, 5));
    }

    @Test
    void aPatternCanBeAskedWhetherSomeTextWithAPrefixMatches() {
        assertTrue(WildcardPattern.of("photos/*", false).matchesSomethingStartingWith("photos/"));
        assertTrue(WildcardPattern.of("*", false).matchesSomethingStartingWith("photos/"));
        assertTrue(WildcardPattern.of("*/*", false).matchesSomethingStartingWith("photos/"));
        assertTrue(WildcardPattern.of("*.jpg", false).matchesSomethingStartingWith("photos/"));
        assertTrue(WildcardPattern.of("ph?tos/x", false).matchesSomethingStartingWith("photos/"));
        assertTrue(WildcardPattern.of("photos/a/b", false).matchesSomethingStartingWith("photos/"));
        assertFalse(WildcardPattern.of("photos", false).matchesSomethingStartingWith("photos/"));
        assertFalse(WildcardPattern.of("photo/*", false).matchesSomethingStartingWith("photos/"));
        assertFalse(WildcardPattern.of("x*", false).matchesSomethingStartingWith("photos/"));
        assertFalse(WildcardPattern.of("photos?", false).matchesSomethingStartingWith("photos/x"));
    }

    @Test
    void fixedValuesAreToldFromPatterns() {
        assertTrue(WildcardPattern.hasWildcard("a*"));
        assertTrue(WildcardPattern.hasWildcard("?"));
        assertFalse(WildcardPattern.hasWildcard("vpce-1a2b3c4d"));
    }

    /** Against java.util.regex as the reference, on a small alphabet so that matches are common. */
    @Property(seed = "20261202", tries = 2000)
    void agreesWithARegularExpression(@ForAll("patterns") String pattern, @ForAll("texts") String text) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') regex.append(".*");
            else if (c == '?') regex.append('.');
            else regex.append(Pattern.quote(String.valueOf(c)));
        }
        boolean expected = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
        assertEquals(expected, WildcardPattern.of(pattern, false).matches(text), () -> pattern + " ~ " + text);
        boolean somePrefix = false;
        for (String suffix : new String[] {"", "a", "b/", "ab", "/a/b", "bbba", "aaaa/b"}) {
            somePrefix |= Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text + suffix).matches();
        }
        // The automaton may know of longer completions than the few tried here, never of fewer.
        assertTrue(!somePrefix || WildcardPattern.of(pattern, false).matchesSomethingStartingWith(text),
                () -> pattern + " ~ " + text + "...");
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab/*?").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab/").ofMaxLength(8);
    }
}
