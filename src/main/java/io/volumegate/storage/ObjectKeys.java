package io.volumegate.storage;

import io.volumegate.storage.StorageException.Reason;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What keys a filesystem can hold, and how a key becomes path segments. S3 accepts any
 * UTF-8 key up to 1024 bytes; a volume cannot store segments "." / ".." or empty ones
 * ("a//b"), segments over 255 bytes, or NUL, so those get a defined error instead of a
 * surprising file.
 */
public final class ObjectKeys {
    /** Per-bucket folder of the server's own state: never an object. */
    public static final String RESERVED = ".volumegate";
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_SEGMENT_BYTES = 255;

    private ObjectKeys() {}

    /** Keys ending in '/' are directory objects. */
    public static boolean isDirectoryKey(String key) { return key.endsWith("/"); }

    /** Validated path segments of a key; a directory key yields its directory's segments. */
    public static List<String> segments(String key) {
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new StorageException(Reason.KEY_TOO_LONG, "Your key is too long: the maximum is 1024 bytes of UTF-8.");
        }
        if (key.indexOf('\0') >= 0) throw invalid(key, "contains a NUL character");
        String unwritable = KeyCharacters.problem(key);
        if (unwritable != null) throw new StorageException(Reason.INVALID_KEY, unwritable);
        String path = isDirectoryKey(key) ? key.substring(0, key.length() - 1) : key;
        List<String> segments = new ArrayList<>();
        int start = 0;
        while (true) {
            int slash = path.indexOf('/', start);
            String segment = slash < 0 ? path.substring(start) : path.substring(start, slash);
            checkSegment(key, segment);
            segments.add(segment);
            if (slash < 0) break;
            start = slash + 1;
        }
        if (segments.get(0).equals(RESERVED)) {
            throw new StorageException(Reason.RESERVED_KEY, "Keys under " + RESERVED + "/ are reserved by the server.");
        }
        return segments;
    }

    private static void checkSegment(String key, String segment) {
        if (segment.isEmpty()) throw invalid(key, "has an empty path segment ('//', or a leading or doubled '/')");
        if (segment.equals(".") || segment.equals("..")) throw invalid(key, "has a '.' or '..' path segment");
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw new StorageException(Reason.KEY_TOO_LONG, "Your key is too long: a path segment exceeds 255 bytes.");
        }
    }

    private static StorageException invalid(String key, String why) {
        return new StorageException(Reason.INVALID_KEY, "The key " + why + ", which a filesystem volume cannot store.");
    }
}
