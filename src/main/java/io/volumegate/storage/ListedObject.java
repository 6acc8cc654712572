package io.volumegate.storage;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * One object in a listing page. {@code size} and {@code lastModified} come from a stat made
 * while building the page, not from a cached directory snapshot: a file overwritten in place
 * changes them without touching its directory. A directory object ({@code key} ending in
 * "/") has size 0 and the directory's own modification time.
 */
public record ListedObject(String key, Path path, long size, FileTime lastModified, boolean directoryObject) {
}
