package io.volumegate.storage.multipart;

import io.volumegate.storage.TempFile;

import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A part being received: a temp file inside its upload's folder, renamed onto
 * {@code part-NNNNN} by {@link MultipartStaging#commitPart} once every check of the body
 * held. Living in the upload's folder, it disappears with an aborted upload.
 */
public final class PendingPart extends TempFile {
    private final UploadManifest upload;
    private final int number;

    PendingPart(UploadManifest upload, int number, Path tempFile, FileChannel channel) {
        super(tempFile, channel);
        this.upload = upload;
        this.number = number;
    }

    public UploadManifest upload() { return upload; }

    public int number() { return number; }
}
