package io.volumegate.storage;

import java.nio.channels.FileChannel;

/**
 * An object together with its content opened for reading, where {@link #object()} (size,
 * ETag, metadata) describes exactly the file {@link #channel()} reads. Null channel for a
 * directory object, which has no content. The caller closes the channel.
 */
public record OpenedObject(StoredObject object, FileChannel channel) {}
