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
 *
 * @param versionId the version this is: an id, "null", or null for an object written while its
 *                  bucket was not versioned (the "null" version too, which S3 answers leave unnamed)
 */
public record StoredObject(String key, Path path, long size, Instant lastModified, String etag,
                           Optional<ObjectMetadata> metadata, boolean directoryObject, String versionId) {

    /** The version id to name in a listing of versions, where every version has one. */
    public String versionIdOrNull() {
        return versionId == null ? VersionIds.NULL : versionId;
    }

    /** Opens the content for reading; a directory object has none. */
    public FileChannel open() throws IOException {
        if (directoryObject) throw new IllegalStateException("a directory object has no content");
        return FileChannel.open(path, StandardOpenOption.READ);
    }
}
