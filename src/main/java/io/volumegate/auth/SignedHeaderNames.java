package io.volumegate.auth;

import io.volumegate.http.S3Exception;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The {@code SignedHeaders} list, normalised to lower case and sorted as the canonical
 * request requires. Conforming clients send it that way already; normalising (as MinIO
 * does) costs nothing and the signature still covers the result.
 */
record SignedHeaderNames(List<String> names) {
    static final int MAX_COUNT = 256;

    /** The {@code a;b;c} line of the canonical request. */
    String line() {
        return String.join(";", names);
    }

    static SignedHeaderNames parse(String value, Function<String, S3Exception> malformed) {
        String[] parts = value.split(";", -1);
        if (parts.length > MAX_COUNT) throw malformed.apply("too many SignedHeaders (at most " + MAX_COUNT + ").");
        TreeSet<String> names = new TreeSet<>();
        for (String part : parts) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !isToken(name)) throw malformed.apply("SignedHeaders holds an invalid header name.");
            if (!names.add(name)) throw malformed.apply("SignedHeaders lists '" + name + "' twice.");
        }
        // Host binds the signature to this server; without it a signature could be replayed elsewhere.
        if (!names.contains("host")) throw malformed.apply("SignedHeaders must include 'host'.");
        return new SignedHeaderNames(List.copyOf(names));
    }

    // RFC 9110 token characters: keeps ':' and whitespace out of canonical header lines.
    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }
}
