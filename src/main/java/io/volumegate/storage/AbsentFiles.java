package io.volumegate.storage;

import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Which filesystem errors mean "there is nothing at this path". Besides ENOENT, a path that
 * runs through a file ({@code a/f.txt/x} where {@code a/f.txt} is a file) fails with ENOTDIR,
 * which the JDK reports as a plain {@link FileSystemException}: for a key, both mean no such
 * object, never a server error.
 */
final class AbsentFiles {
    private AbsentFiles() {}

    static boolean isAbsent(FileSystemException e) {
        return e instanceof NoSuchFileException || runsThroughFile(e);
    }

    /** ENOTDIR: a parent on the path is a file. */
    static boolean runsThroughFile(FileSystemException e) {
        return e instanceof NotDirectoryException || "Not a directory".equals(e.getReason());
    }
}
