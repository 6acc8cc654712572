package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * Which version of a small file that is replaced by rename (settings, keystore) a cache
 * parsed. The mtime alone is not enough: its granularity is a second on some NFS servers
 * (a jiffy on ext4), so two saves within one tick leave it unchanged. Every save renames a
 * new file into place, so the file key (device and inode) tells them apart.
 */
public record FileStamp(Object fileKey, FileTime modified, long size) {
    /** The stamp of the file now; NoSuchFileException when there is none. */
    public static FileStamp of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new FileStamp(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
    }
}
