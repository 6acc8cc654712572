package io.volumegate.storage.multipart;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies one version of a file without reading it: size, modification time and inode.
 * A rename keeps all three, so a record can name the data file it describes before or after
 * that file is renamed into place; a replaced file has another inode.
 */
final class FileFingerprint {
    private static final Pattern INODE = Pattern.compile("ino=(\\d+)");

    private FileFingerprint() {}

    static String of(BasicFileAttributes attributes) {
        return attributes.size() + ":" + attributes.lastModifiedTime().toMillis() + ":" + inode(attributes);
    }

    /** On Unix the JDK's file key prints as {@code (dev=..,ino=..)}; the device differs between NFS clients. */
    private static String inode(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        if (key == null) return "";
        Matcher m = INODE.matcher(key.toString());
        return m.find() ? m.group(1) : key.toString();
    }
}
