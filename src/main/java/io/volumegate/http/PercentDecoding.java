package io.volumegate.http;

import io.volumegate.http.S3Error;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of raw URI parts into UTF-8 text. We decode the raw request URI
 * ourselves because containers normalise or reject %2F, %25, "//", ".." and ";" in paths,
 * all of which are legal in S3 keys. Malformed escapes or bytes that are not UTF-8 are a
 * client error (InvalidURI), never a guess.
 */
public final class PercentDecoding {
    private PercentDecoding() {}

    /** Decodes a path: '+' stays '+'. */
    public static String path(String raw) { return decode(raw, false, false); }

    /** Decodes a query name or value: '+' means space, as in form encoding. */
    public static String query(String raw) { return decode(raw, true, false); }

    /**
     * Decodes a path carried in a header (x-amz-copy-source): '+' stays '+'. Containers hand
     * header bytes over as ISO-8859-1 chars, so a raw (unencoded) UTF-8 byte is taken back as
     * that byte, not re-encoded.
     */
    public static String headerPath(String raw) { return decode(raw, false, true); }

    private static String decode(String raw, boolean plusIsSpace, boolean latin1IsByte) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0) && (!latin1IsByte || isAscii(raw))) return raw;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) throw invalid();
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) throw invalid();
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c < 0x80 || latin1IsByte && c < 0x100) {
                bytes.write(c);
            } else {
                // Containers hand raw non-ASCII through as ISO-8859-1 chars or as UTF-16:
                // re-encode the char itself as UTF-8.
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid();
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) return false;
        }
        return true;
    }

    private static RuntimeException invalid() {
        return S3Error.INVALID_URI.exception("Couldn't parse the specified URI: bad percent-encoding or not UTF-8.");
    }
}
