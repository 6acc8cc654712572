package io.volumegate.objects;

import io.volumegate.storage.multipart.MultipartStaging;
import io.volumegate.storage.multipart.PendingPart;

import java.io.IOException;

/**
 * A part being received: its body streams into {@link #write}, then
 * {@link MultipartService#commitPart} makes it the upload's part of its number, or
 * {@link #abort} leaves nothing behind (an earlier part of that number stays).
 */
public final class PartUpload {
    private final MultipartStaging staging;
    private final PendingPart pending;

    PartUpload(MultipartStaging staging, PendingPart pending) {
        this.staging = staging;
        this.pending = pending;
    }

    /** The algorithm name of the upload's checksum, which every part must carry. */
    public String uploadChecksumAlgorithm() { return pending.upload().checksumAlgorithm(); }

    /** Whether the client chose that algorithm when it created the upload (rather than getting the default). */
    public boolean checksumRequested() { return pending.upload().checksumRequested(); }

    public void write(byte[] data, int offset, int length) throws IOException {
        pending.write(data, offset, length);
    }

    public void abort() {
        pending.abort();
    }

    MultipartStaging staging() { return staging; }

    PendingPart pending() { return pending; }
}
