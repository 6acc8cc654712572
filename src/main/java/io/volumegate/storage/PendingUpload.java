package io.volumegate.storage;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * An upload in flight: a temp file in the bucket's reserved folder on the same filesystem
 * as its destination, so that committing is one atomic rename. Until then no reader can
 * see any of it; {@link #abort()} leaves nothing behind.
 */
public final class PendingUpload extends TempFile {
    private final String key;

    PendingUpload(String key, Path tempFile, FileChannel channel) {
        super(tempFile, channel);
        this.key = key;
    }

    public String key() { return key; }
}
