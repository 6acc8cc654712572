package io.volumegate.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * An object as found on the volume: its file (or directory, for a directory object), what
 * the filesystem says of it, and the metadata we stored when it was written, if that is
 * still valid for this file.
 */
public record StoredObject(String key, Path path, long size, Instant lastModified, String etag,
                           Optional<ObjectMetadata> metadata, boolean directoryObject) {

    /** Opens the content for reading; a directory object has none. */
    public FileChannel open() throws IOException {
        if (directoryObject) throw new IllegalStateException("a directory object has no content");
        return FileChannel.open(path, StandardOpenOption.READ);
    }
}
