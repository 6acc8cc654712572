package io.volumegate.storage;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names become key segments. A name must survive the trip name → String → name:
 * the JDK decodes file names with the platform encoding (sun.jnu.encoding, UTF-8 under a
 * UTF-8 locale) and replaces invalid bytes with U+FFFD. Such a name would list as a key
 * that no request could reach, so it does not exist for S3.
 *
 * <p>Keys are UTF-8 only when the JVM runs under a UTF-8 locale (e.g. LANG=C.UTF-8); under
 * "C"/POSIX every non-ASCII name fails this check and is skipped.
 */
final class KeySegments {
    private KeySegments() {
    }

    /** The key segment for a directory entry's file name, or null when it cannot be one. */
    static String of(Path fileName) {
        String segment = fileName.toString();
        try {
            // Path equality compares the raw name bytes, so this is an in-memory check, no stat.
            return fileName.equals(fileName.getFileSystem().getPath(segment)) ? segment : null;
        } catch (InvalidPathException unmappable) {
            return null;
        }
    }
}
