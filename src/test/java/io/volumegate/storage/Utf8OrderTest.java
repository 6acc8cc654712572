package io.volumegate.storage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8OrderTest {

    @Test
    void directorySortsAsItsSlashedName() {
        assertTrue(Utf8Order.compare("a.b", "a/") < 0);
        assertTrue(Utf8Order.compare("a/", "a0") < 0);
        assertTrue(Utf8Order.compare("a", "a/") < 0);
    }

    @Test
    void supplementaryCharactersSortAfterTheTopOfTheBasicPlane() {
        String replacement = "\uFFFD";          // EF BF BD
        String privateUse = "\uE000";           // EE 80 80
        String emoji = "\uD83D\uDE00";          // F0 9F 98 80, U+1F600
        assertTrue(emoji.compareTo(replacement) < 0, "String order is UTF-16 order: the trap");
        assertTrue(Utf8Order.compare(replacement, emoji) < 0);
        assertTrue(Utf8Order.compare(privateUse, emoji) < 0);
        assertTrue(Utf8Order.compare("\uD7FF", emoji) < 0);
        assertTrue(Utf8Order.compare("\uD83D\uDE00", "\uD83D\uDE01") < 0);
        assertTrue(Utf8Order.compare("\uD83D\uDFFF", "\uD83E\uDC00") < 0);
    }

    @Test
    void agreesWithUnsignedUtf8BytesOnRandomStrings() {
        Random random = new Random(7);
        int[] codePoints = {'/', '.', '-', '0', 'a', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x20AC,
                0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(5);
            for (int j = 0; j < length; j++) s.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            strings.add(s.toString());
        }
        for (String a : strings) {
            for (String b : strings) {
                assertEquals(Integer.signum(ReferenceListing.compareUtf8(a, b)),
                        Integer.signum(Utf8Order.compare(a, b)), () -> a + " vs " + b);
            }
        }
    }
}
