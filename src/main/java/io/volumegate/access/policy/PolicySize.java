package io.volumegate.access.policy;

/**
 * S3's size limit: "Bucket policies are limited to 20 KB in size", counted on the document
 * normalized (S3 answers "Normalized policy document exceeds the maximum allowed size of 20480
 * bytes"), so the whitespace that pretty-printing adds between tokens does not count. Measured on
 * the text before it is parsed, so no parser ever sees an oversized document.
 */
final class PolicySize {
    static final int LIMIT = 20 * 1024;

    private PolicySize() {}

    /** @throws MalformedPolicyException when the document is over the limit */
    static void check(String json) {
        if (normalizedBytes(json) > LIMIT) throw new MalformedPolicyException(MalformedPolicyException.TOO_LARGE);
    }

    /** UTF-8 bytes of the text without whitespace outside strings; stops counting past the limit. */
    static int normalizedBytes(String json) {
        int bytes = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length() && bytes <= LIMIT; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            } else if (c == '"') {
                inString = true;
            }
            bytes += utf8Length(c);
        }
        return bytes;
    }

    /** A surrogate is half of a 4-byte character. */
    private static int utf8Length(char c) {
        if (c < 0x80) return 1;
        if (c < 0x800 || Character.isSurrogate(c)) return 2;
        return 3;
    }
}
