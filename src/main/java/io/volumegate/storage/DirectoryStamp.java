package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What one stat tells about a directory's identity and contents: the file key (device and
 * inode, so a directory replaced by another one does not pass for the old) and the
 * modification time, which every create, delete and rename inside it bumps.
 */
record DirectoryStamp(Object fileKey, FileTime lastModified) {

    static DirectoryStamp of(Path directory) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        if (!attributes.isDirectory()) {
            throw new NotDirectoryException(directory.toString());
        }
        return new DirectoryStamp(attributes.fileKey(), attributes.lastModifiedTime());
    }
}
