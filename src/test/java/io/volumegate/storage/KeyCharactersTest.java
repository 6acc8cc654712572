package io.volumegate.storage;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys may hold exactly the characters XML 1.0 can carry. */
class KeyCharactersTest {

    @Test
    void controlCharactersButTabLineFeedAndCarriageReturnAreRefused() {
        for (int c = 0; c < 0x20; c++) {
            String problem = KeyCharacters.problem("a/b" + (char) c + "c");
            if (c == '\t' || c == '\n' || c == '\r') {
                assertNull(problem, "U+" + Integer.toHexString(c));
            } else {
                assertTrue(problem != null && problem.contains(String.format("control character U+%04X", c)), problem);
            }
        }
    }

    @Test
    void everythingElseXmlCarriesIsFine() {
        assertNull(KeyCharacters.problem("plain/key.txt"));
        assertNull(KeyCharacters.problem("del\u007f c1\u0085 é 日本 \ud83d\ude00 \ufffd"));
    }

    @Test
    void nonCharactersAndLoneSurrogatesAreRefused() {
        assertTrue(KeyCharacters.problem("x\uffff").contains("character U+FFFF"));
        assertTrue(KeyCharacters.problem("x\ufffe").contains("character U+FFFE"));
        assertTrue(KeyCharacters.problem("x\ud800y").contains("character U+D800"));
        assertEquals(KeyCharacters.problem("\u000b"), KeyCharacters.problem("\u000b\u000c"), "the first one is named");
    }
}
