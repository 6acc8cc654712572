package io.volumegate.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file being written that nobody can see yet: bytes stream in (or are copied in by the
 * kernel), {@link #seal()} makes them durable, and the owner renames the file into place.
 * {@link #abort()} leaves nothing behind. Uploads and multipart parts are both this.
 *
 * <p>Every temp file still being written is known here, so that a shutdown whose grace period
 * ran out can {@link #cutOffAll() cut them all off}: the process may end a moment later, and a
 * temp file it left would otherwise lie in the volume until the stale-upload sweep (other nodes
 * may still be writing young ones, so nobody may delete a temp file that is not their own).
 */
public class TempFile {
    private static final int WRITING = 0;
    private static final int SEALED = 1;
    private static final int ABORTED = 2;
    private static final int CUT_OFF = 3;
    private static final Set<TempFile> WRITING_NOW = ConcurrentHashMap.newKeySet();

    private final Path tempFile;
    private final FileChannel channel;
    private final AtomicInteger state = new AtomicInteger(WRITING);

    protected TempFile(Path tempFile, FileChannel channel) {
        this.tempFile = tempFile;
        this.channel = channel;
        WRITING_NOW.add(this);
    }

    /**
     * Aborts every temp file of this deployment still being written (not yet sealed): each is
     * closed and deleted, and its writer's next step fails with {@link StorageException.Reason#SHUTTING_DOWN}.
     * A file already sealed is left to its commit, a rename that takes moments.
     *
     * @return how many were cut off
     */
    public static int cutOffAll() {
        int cut = 0;
        for (TempFile file : WRITING_NOW) {
            if (file.state.compareAndSet(WRITING, CUT_OFF)) {
                file.discard();
                cut++;
            }
        }
        return cut;
    }

    /** Where the bytes are until the owner renames the file into place. */
    public Path tempFile() { return tempFile; }

    /** Appends the bytes: the sink an upload's body streams into. */
    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        try {
            while (buffer.hasRemaining()) channel.write(buffer);
        } catch (ClosedChannelException e) {
            throw cutOffOr(e);
        }
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
            long moved;
            try {
                moved = source.transferTo(offset + done, length - done, channel);
            } catch (ClosedChannelException e) {
                throw cutOffOr(e); // also AsynchronousCloseException: cut off while the kernel copied
            }
            if (moved <= 0 && offset + done >= source.size()) {
                throw StorageException.changedWhileRead();
            }
            done += Math.max(moved, 0);
        }
    }

    /** Drops what was written so far, so a copy can start over into the same temp file. */
    public void restart() throws IOException {
        try {
            channel.truncate(0);
            channel.position(0);
        } catch (ClosedChannelException e) {
            throw cutOffOr(e);
        }
    }

    /** Makes the bytes durable before they become visible; from here on a shutdown leaves the file to its commit. */
    public void seal() throws IOException {
        try {
            Fsyncs.file(channel, true);
        } catch (ClosedChannelException e) {
            throw cutOffOr(e);
        }
        if (!state.compareAndSet(WRITING, SEALED)) throw cutOffOr(new ClosedChannelException());
        WRITING_NOW.remove(this);
        channel.close();
    }

    public void abort() {
        state.set(ABORTED);
        discard();
    }

    /** A closed channel is a shutdown's doing when this file was cut off; else the failure it is. */
    private IOException cutOffOr(ClosedChannelException failure) {
        if (state.get() == CUT_OFF) throw StorageException.shuttingDown();
        return failure;
    }

    private void discard() {
        WRITING_NOW.remove(this);
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a file we are about to delete
        }
        try {
            Files.deleteIfExists(tempFile);
        } catch (IOException ignored) {
            // the stale-upload sweep removes it once it is old
        }
    }
}
