package io.volumegate.http;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of URL parts we build (presigned URLs, share links, listings with
 * encoding-type=url):
 * every byte but the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) is {@code %XX}, as
 * SigV4 requires, so what is signed and what is sent are the same string.
 */
public final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    /** One path segment or query value: '/' is encoded too. */
    public static String segment(String text) {
        return encode(text, false);
    }

    /** A key as a path: '/' stays. */
    public static String path(String text) {
        return encode(text, true);
    }

    private static String encode(String text, boolean keepSlash) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
                    || keepSlash && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
