package io.volumegate.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text XML 1.0 cannot carry, on its way into the XML documents we write. Keys holding such
 * characters are refused (storage's key rules), but a file another program named may still
 * be listed, and a query parameter may still be echoed, so the writers make sure no such
 * character ever goes out raw (a raw one makes the whole document unparseable):
 * <ul>
 *   <li>data documents (listings, DeleteResult, ...) write it as a numeric character
 *       reference, {@code &#xB;}, exactly as S3 does: the name stays exact. XML 1.0 parsers
 *       refuse such a reference as they do against S3; clients that cannot take it ask for
 *       {@code encoding-type=url}, which S3 documents for this case, and get {@code %0B};</li>
 *   <li>error documents replace it with U+FFFD: what they echo is for people, and a client
 *       must always be able to read an error's code.</li>
 * </ul>
 */
public final class XmlCharacters {
    private XmlCharacters() {}

    /** {@code text} with each character XML 1.0 cannot carry replaced by U+FFFD; for error documents. */
    public static String replaceUnwritable(String text) {
        if (text == null || isWritable(text)) return text;
        StringBuilder replaced = new StringBuilder(text.length());
        text.codePoints().forEach(c -> replaced.appendCodePoint(isXmlCharacter(c) ? c : 0xFFFD));
        return replaced.toString();
    }

    /**
     * A UTF-8 document (as a JAXB marshaller wrote it, raw characters and all) with each
     * character XML 1.0 cannot carry written as a character reference. Such characters can
     * only be in text: element names are ours. The same array when there is none.
     */
    public static byte[] referenceUnwritable(byte[] document) {
        int first = firstUnwritable(document, 0);
        if (first < 0) return document;
        ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 32);
        int copied = 0;
        for (int at = first; at >= 0; at = firstUnwritable(document, copied)) {
            out.write(document, copied, at - copied);
            int length = document[at] == (byte) 0xEF ? 3 : 1;
            int codePoint = length == 1 ? document[at] : 0xFFF0 | document[at + 2] & 0x3F;
            out.writeBytes(String.format("&#x%X;", codePoint).getBytes(StandardCharsets.US_ASCII));
            copied = at + length;
        }
        out.write(document, copied, document.length - copied);
        return out.toByteArray();
    }

    /** XML 1.0's {@code Char} production. */
    private static boolean isXmlCharacter(int codePoint) {
        return codePoint == '\t' || codePoint == '\n' || codePoint == '\r'
                || codePoint >= 0x20 && codePoint <= 0xD7FF
                || codePoint >= 0xE000 && codePoint <= 0xFFFD
                || codePoint >= 0x10000 && codePoint <= 0x10FFFF;
    }

    private static boolean isWritable(String text) {
        return text.codePoints().allMatch(XmlCharacters::isXmlCharacter);
    }

    /**
     * Index of the next control character (one byte below 0x20 but tab, LF, CR) or U+FFFE /
     * U+FFFF (EF BF BE / EF BF BF) from {@code from}; -1 when none. UTF-8 never has these
     * bytes inside another character's encoding, so a byte scan is exact.
     */
    private static int firstUnwritable(byte[] utf8, int from) {
        for (int i = from; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') return i;
            if (b == (byte) 0xEF && i + 2 < utf8.length && utf8[i + 1] == (byte) 0xBF
                    && (utf8[i + 2] == (byte) 0xBE || utf8[i + 2] == (byte) 0xBF)) return i;
        }
        return -1;
    }
}
