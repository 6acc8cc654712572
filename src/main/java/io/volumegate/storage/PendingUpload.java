package io.volumegate.storage;

import io.volumegate.http.BodySink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An upload in flight: a temp file in the bucket's reserved folder on the same filesystem
 * as its destination, so that committing is one atomic rename. Until then no reader can
 * see any of it; {@link #abort()} leaves nothing behind.
 */
public final class PendingUpload implements BodySink {
    private final String key;
    private final Path tempFile;
    private final FileChannel channel;

    PendingUpload(String key, Path tempFile, FileChannel channel) {
        this.key = key;
        this.tempFile = tempFile;
        this.channel = channel;
    }

    public String key() { return key; }

    Path tempFile() { return tempFile; }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    /**
     * Appends {@code count} bytes of {@code source} from {@code position}. transferTo between
     * two files is an in-kernel copy (copy_file_range or sendfile): the bytes never cross the
     * heap, which is how Complete assembles parts into one object.
     */
    public void append(FileChannel source, long position, long count) throws IOException {
        long end = position + count;
        while (position < end) {
            long copied = source.transferTo(position, end - position, channel);
            if (copied <= 0) throw new IOException("the source ended " + (end - position) + " bytes early");
            position += copied;
        }
    }

    /** Makes the bytes durable before they become visible. */
    void seal() throws IOException {
        channel.force(true);
        channel.close();
    }

    public void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a file we are about to delete
        }
        try {
            Files.deleteIfExists(tempFile);
        } catch (IOException ignored) {
            // the temp folder is cleaned at start-up as well
        }
    }
}
