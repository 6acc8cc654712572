package io.volumegate.storage;

/**
 * Which characters an object key may hold: those XML 1.0 can carry. S3's answers name keys
 * in XML documents (listings, uploads, errors), and XML 1.0 has no way at all to carry
 * control characters other than tab, line feed and carriage return (not even as character
 * references), nor U+FFFE, U+FFFF or a lone surrogate. A key holding one could be stored but
 * never named in a well-formed answer, so {@link ObjectKeys#segments} refuses it before
 * anything is stored, read or deleted, on every protocol alike.
 */
final class KeyCharacters {
    private KeyCharacters() {}

    /** XML 1.0's {@code Char} production. */
    static boolean isXmlCharacter(int codePoint) {
        return codePoint == '\t' || codePoint == '\n' || codePoint == '\r'
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    /** Why {@code key} cannot be an object's key, for a client to read; null when its characters are fine. */
    static String problem(String key) {
        for (int i = 0; i < key.length(); ) {
            int codePoint = key.codePointAt(i); // a lone surrogate comes back as itself
            if (!isXmlCharacter(codePoint)) {
                return "The key contains the " + (codePoint < 0x20 ? "control character " : "character ")
                        + String.format("U+%04X", codePoint) + ", which XML 1.0 cannot carry; keys may not hold control"
                        + " characters other than tab, line feed and carriage return.";
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }
}
