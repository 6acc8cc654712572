package io.volumegate.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An object together with its content opened for reading, where {@link #object()} (size,
 * ETag, metadata) describes exactly the file {@link #channel()} reads: {@link Bucket#open}
 * checked that the path named the same file before the stat and after the open. A null
 * channel for a directory object, which has no content. Close it when done.
 */
public final class OpenedObject implements AutoCloseable {
    private final StoredObject object;
    private final FileChannel channel;
    private final BasicFileAttributes opened;

    OpenedObject(StoredObject object, FileChannel channel, BasicFileAttributes opened) {
        this.object = object;
        this.channel = channel;
        this.opened = opened;
    }

    public StoredObject object() { return object; }

    /** The open content; null for a directory object. */
    public FileChannel channel() { return channel; }

    /** Stored type, else by extension, else sniffed from the first bytes of this very file. */
    public String contentType() throws IOException {
        String stored = object.metadata().map(ObjectMetadata::contentType).orElse(null);
        return ContentTypes.resolve(object.key(), stored, this::head);
    }

    private byte[] head() throws IOException {
        if (channel == null) return new byte[0];
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(ContentTypes.SNIFF_LENGTH, object.size()));
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) { /* fill */ }
        byte[] bytes = new byte[head.position()];
        head.flip().get(bytes);
        return bytes;
    }

    /**
     * True while the key's path still names the same file, unchanged since it was opened
     * (same file key, size and last-modified time). After a copy that trusted the stored
     * digests this is what lets them stand for the copied bytes: a program that rewrote the
     * file in place meanwhile changed its mtime; one that replaced it changed the file key.
     */
    public boolean unchanged() throws IOException {
        if (opened == null) return true;
        try {
            return sameFile(opened, Files.readAttributes(object.path(), BasicFileAttributes.class));
        } catch (java.nio.file.FileSystemException gone) {
            if (AbsentFiles.isAbsent(gone)) return false;
            throw gone;
        }
    }

    static boolean sameFile(BasicFileAttributes before, BasicFileAttributes after) {
        return after != null && Objects.equals(before.fileKey(), after.fileKey())
                && before.size() == after.size() && before.lastModifiedTime().equals(after.lastModifiedTime());
    }

    @Override
    public void close() {
        closeQuietly(channel);
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
