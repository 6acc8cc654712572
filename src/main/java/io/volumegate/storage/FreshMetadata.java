package io.volumegate.storage;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** Turns a stored metadata blob into metadata a reader may trust, whichever store held it. */
final class FreshMetadata {
    private FreshMetadata() {}

    /**
     * Empty when the blob is unreadable or stale. A broken blob must not make the object
     * unreadable: it then behaves like a file another program wrote (synthetic ETag,
     * content type by extension or sniffing), and the next write replaces the blob.
     */
    static Optional<ObjectMetadata> parse(byte[] blob, BasicFileAttributes current,
                                               System.Logger log, String key) {
        ObjectMetadata metadata;
        try {
            metadata = ObjectMetadata.fromBytes(blob);
        } catch (IllegalArgumentException e) {
            log.log(System.Logger.Level.WARNING, "ignoring unreadable metadata of key {0}: {1}", key, e.getMessage());
            return Optional.empty();
        }
        return metadata.isFreshFor(current) ? Optional.of(metadata) : Optional.empty();
    }
}
