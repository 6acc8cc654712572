package io.volumegate.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding and SigV4 URI-encoding.
 *
 * <p>Both work on bytes, not characters: a key may hold bytes that are not valid UTF-8
 * (a client can send {@code %FF}), and the client signed exactly those bytes. Going through
 * a Java String would replace them with U+FFFD and break the signature.
 */
final class SigV4Encoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SigV4Encoding() {
    }

    /**
     * Decodes {@code %XX} escapes to bytes. Everything else, '+' included, stays as it is
     * (UTF-8 for non-ASCII characters): '+' means space only in HTML forms, and SigV4
     * clients always send '+' as %2B and space as %20. A '%' without two hex digits is kept
     * literally rather than refused; it then re-encodes to %25.
     */
    static byte[] percentDecode(String raw) {
        if (raw.indexOf('%') < 0) return raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int literalStart = 0;
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) != '%' || i + 2 >= raw.length()) continue;
            int high = hexValue(raw.charAt(i + 1));
            int low = hexValue(raw.charAt(i + 2));
            if (high < 0 || low < 0) continue;
            out.writeBytes(raw.substring(literalStart, i).getBytes(StandardCharsets.UTF_8));
            out.write(high << 4 | low);
            i += 2;
            literalStart = i + 1;
        }
        out.writeBytes(raw.substring(literalStart).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** SigV4 URI-encoding: unreserved characters stay, every other byte becomes %XX. */
    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 16);
        appendEncoded(out, bytes);
        return out.toString();
    }

    static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The canonical URI of a raw request path: decoded, then every byte but '/' encoded, so
     * a client that sent {@code $} bare and one that sent {@code %24} sign the same thing.
     * An encoded slash ({@code %2F}) counts as '/', as on S3 (and MinIO, Ceph): the AWS SDK
     * for Java v2 signs a key {@code a//b} with its double slash, then its Apache HTTP clients
     * send it as {@code a/%2Fb}; keeping %2F here refused such requests with
     * SignatureDoesNotMatch. S3 neither normalises ({@code a//b} and {@code ..} stay) nor
     * double-encodes, unlike the other AWS services.
     */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        byte[] bytes = percentDecode(rawPath);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == '/' || isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static void appendEncoded(StringBuilder out, byte[] bytes) {
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
    }

    // Not Character.digit: that also accepts non-ASCII digits such as U+0663.
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }
}
