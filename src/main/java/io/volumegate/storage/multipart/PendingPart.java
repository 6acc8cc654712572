package io.volumegate.storage.multipart;

import io.volumegate.http.BodySink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part being received: a temp file inside its upload's folder, renamed onto
 * {@code part-NNNNN} by {@link MultipartStaging#commitPart} once every check of the body
 * held. Living in the upload's folder, it disappears with an aborted upload.
 */
public final class PendingPart implements BodySink {
    private final UploadManifest upload;
    private final int number;
    private final Path tempFile;
    private final FileChannel channel;

    PendingPart(UploadManifest upload, int number, Path tempFile, FileChannel channel) {
        this.upload = upload;
        this.number = number;
        this.tempFile = tempFile;
        this.channel = channel;
    }

    public UploadManifest upload() { return upload; }

    public int number() { return number; }

    Path tempFile() { return tempFile; }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data, offset, length);
        while (buffer.hasRemaining()) channel.write(buffer);
    }

    /** The part's bytes are durable before any record points at them. */
    void seal() throws IOException {
        channel.force(true);
        channel.close();
    }

    /** Drops the temp file; a no-op once it has been renamed into place. */
    public void abort() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a file we are about to delete
        }
        try {
            Files.deleteIfExists(tempFile);
        } catch (IOException ignored) {
            // the folder goes with its upload (Complete, Abort or the stale-upload sweep)
        }
    }
}
