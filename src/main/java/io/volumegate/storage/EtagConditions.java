package io.volumegate.storage;

/**
 * How If-Match / If-None-Match values compare with an ETag: "*" matches any object, a list
 * matches when one member does, and quotes and weak prefixes are not part of the tag.
 */
public final class EtagConditions {
    private EtagConditions() {}

    public static boolean matchesAny(String headerValue, String etag) {
        String bare = strip(etag);
        for (String candidate : headerValue.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || strip(tag).equals(bare)) return true;
        }
        return false;
    }

    private static String strip(String tag) {
        String value = tag.startsWith("W/") ? tag.substring(2) : tag;
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) value = value.substring(1, value.length() - 1);
        return value;
    }
}
