package io.volumegate.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * An object together with its content opened for reading, where {@link #object()} (size,
 * ETag, metadata) describes exactly the file {@link #channel()} reads. Null channel for a
 * directory object, which has no content. The caller closes the channel.
 */
public record OpenedObject(StoredObject object, FileChannel channel) {

    /** Stored type, else by extension, else sniffed from the first bytes of this very file. */
    public String contentType() throws IOException {
        String stored = object.metadata().map(ObjectMetadata::contentType).orElse(null);
        return ContentTypes.resolve(object.key(), stored, () -> {
            if (channel == null) return new byte[0];
            ByteBuffer head = ByteBuffer.allocate(ContentTypes.SNIFF_LENGTH);
            while (head.hasRemaining() && channel.read(head, head.position()) > 0) { /* fill */ }
            byte[] bytes = new byte[head.position()];
            head.flip().get(bytes);
            return bytes;
        });
    }

    /** Closes the content, if any; a read-only file loses nothing when closing fails. */
    public static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
