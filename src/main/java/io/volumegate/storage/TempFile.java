package io.volumegate.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file being written that nobody can see yet: bytes stream in (or are copied in by the
 * kernel), {@link #seal()} makes them durable, and the owner renames the file into place.
 * {@link #abort()} leaves nothing behind. Uploads and multipart parts are both this.
 */
public class TempFile {
    private final Path tempFile;
    private final FileChannel channel;

    protected TempFile(Path tempFile, FileChannel channel) {
        this.tempFile = tempFile;
        this.channel = channel;
    }

    /** Where the bytes are until the owner renames the file into place. */
    public Path tempFile() { return tempFile; }

    /** Appends the bytes: the sink an upload's body streams into. */
    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    /**
     * Appends {@code length} bytes of {@code source} from {@code offset}: an upload whose body
     * is a range of a file already on a volume (CopyObject, UploadPartCopy). Between files the
     * JDK hands this to the kernel (copy_file_range, which can reflink or copy server-side on
     * NFS 4.2), so no byte passes through the heap and memory stays constant whatever the size.
     *
     * @throws StorageException CHANGED_WHILE_READ (retryable) when the source ends before
     *         {@code offset + length}: another program truncated it while we read
     */
    public void transferFrom(FileChannel source, long offset, long length) throws IOException {
        long done = 0;
        while (done < length) {
            long moved = source.transferTo(offset + done, length - done, channel);
            if (moved <= 0 && offset + done >= source.size()) {
                throw StorageException.changedWhileRead();
            }
            done += Math.max(moved, 0);
        }
    }

    /** Drops what was written so far, so a copy can start over into the same temp file. */
    public void restart() throws IOException {
        channel.truncate(0);
        channel.position(0);
    }

    /** Makes the bytes durable before they become visible. */
    public void seal() throws IOException {
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
