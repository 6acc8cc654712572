package io.volumegate.storage;

import java.util.Comparator;

/**
 * S3 orders keys by their UTF-8 bytes, compared unsigned. That is code point order, which
 * {@link String#compareTo} is not: it compares UTF-16 units, so a supplementary character
 * (a surrogate pair, 0xD800..0xDFFF) sorts before U+E000..U+FFFF although its UTF-8 bytes
 * (F0..) sort after theirs (EE.., EF..). Comparing without encoding keeps sorting a
 * 100,000-entry directory allocation-free.
 */
public final class Utf8Order {
    public static final Comparator<String> COMPARATOR = Utf8Order::compare;

    private Utf8Order() {
    }

    /** Negative, zero or positive as {@code a} sorts before, with or after {@code b}. */
    public static int compare(String a, String b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x, y);
            }
        }
        return a.length() - b.length();
    }

    /**
     * Orders the first differing UTF-16 units by the code points they belong to. Only when
     * both are at or above 0xD800 can surrogates and U+E000..U+FFFF meet; rotate that range
     * so surrogates come last (the ICU "code point order" fix-up).
     */
    private static int codePointRank(char x, char y) {
        if (x >= 0xD800 && y >= 0xD800) {
            return rotate(x) - rotate(y);
        }
        return x - y;
    }

    private static int rotate(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
