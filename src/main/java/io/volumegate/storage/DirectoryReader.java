package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one directory into entries sorted in key order: one lstat per name (the JDK does
 * not expose d_type), plus one stat through each symbolic link. Keeps only regular files
 * and directories; names that vanish between readdir and stat, dangling or looping links
 * and names that are not valid key segments are left out.
 *
 * <p>Links are followed for their type only; whether a target lies inside the bucket is
 * decided by the listing ({@link BucketBoundary}), since a snapshot is not tied to a bucket
 * and a link can be retargeted without its directory changing.
 */
final class DirectoryReader {
    private DirectoryReader() {
    }

    static DirectoryEntry[] readSorted(Path directory) throws IOException {
        List<DirectoryEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path child : stream) {
                DirectoryEntry entry = describe(child);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        } catch (DirectoryIteratorException failure) {
            throw failure.getCause();
        }
        DirectoryEntry[] sorted = entries.toArray(new DirectoryEntry[0]);
        java.util.Arrays.sort(sorted, DirectoryEntry.ORDER);
        return sorted;
    }

    private static DirectoryEntry describe(Path child) throws IOException {
        String name = KeySegments.of(child.getFileName());
        if (name == null) {
            return null;
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException vanished) {
            return null;
        }
        boolean link = attributes.isSymbolicLink();
        if (link) {
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class);
            } catch (IOException danglingOrLooping) {
                return null;
            }
        }
        if (attributes.isRegularFile()) {
            return new DirectoryEntry(name, false, link, attributes.size(), attributes.lastModifiedTime());
        }
        if (attributes.isDirectory()) {
            return new DirectoryEntry(name, true, link, 0, attributes.lastModifiedTime());
        }
        return null; // sockets, fifos, devices: not objects
    }
}
