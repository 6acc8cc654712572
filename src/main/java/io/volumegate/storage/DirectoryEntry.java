package io.volumegate.storage;

import java.nio.file.attribute.FileTime;
import java.util.Comparator;

/**
 * One name in a directory snapshot: a regular file or a directory, symbolic links already
 * followed. {@link #sortName()} is the name as it appears inside keys: a directory {@code d}
 * contributes keys {@code d/...}, so it sorts as "d/" ({@code a.b} < {@code a/} < {@code a0}).
 *
 * <p>Size and modification time are what the read saw; a file overwritten in place changes
 * them without changing its directory, so listings re-stat the objects they return.
 */
public final class DirectoryEntry {
    /** Snapshot order: the full-key order restricted to one directory. */
    static final Comparator<DirectoryEntry> ORDER = (a, b) -> Utf8Order.compare(a.sortName, b.sortName);

    private final String name;
    private final String sortName;
    private final boolean directory;
    private final boolean symbolicLink;
    private final long size;
    private final FileTime lastModified;

    DirectoryEntry(String name, boolean directory, boolean symbolicLink, long size, FileTime lastModified) {
        this.name = name;
        // Files share the name's String: most entries are files, and big directories are the point.
        this.sortName = directory ? name + "/" : name;
        this.directory = directory;
        this.symbolicLink = symbolicLink;
        this.size = size;
        this.lastModified = lastModified;
    }

    public String name() { return name; }

    /** The name as a key segment: "name" for a file, "name/" for a directory. */
    public String sortName() { return sortName; }

    public boolean isDirectory() { return directory; }

    /** The entry is a link; its target must be checked against the bucket before use. */
    public boolean isSymbolicLink() { return symbolicLink; }

    public long size() { return size; }

    public FileTime lastModified() { return lastModified; }

    @Override
    public String toString() { return sortName + (symbolicLink ? " (link)" : ""); }
}
