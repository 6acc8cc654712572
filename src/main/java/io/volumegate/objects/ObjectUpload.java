package io.volumegate.objects;

import io.volumegate.storage.Bucket;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.WriteCondition;

import java.io.IOException;

/**
 * An object being written: its body streams into {@link #write} (through whatever checks the
 * protocol makes on the way), then {@link ObjectService#commit} makes it the object, or
 * {@link #abort} leaves nothing behind. Until the commit no reader can see any of it.
 */
public final class ObjectUpload {
    private final Bucket bucket;
    private final PendingUpload pending;
    private final WriteCondition condition;

    ObjectUpload(Bucket bucket, PendingUpload pending, WriteCondition condition) {
        this.bucket = bucket;
        this.pending = pending;
        this.condition = condition;
    }

    /** Appends body bytes. Blocking (a file write), but short: fine on the thread that read them. */
    public void write(byte[] data, int offset, int length) throws IOException {
        pending.write(data, offset, length);
    }

    /** Removes what was written; the previous object, if any, is untouched. */
    public void abort() {
        pending.abort();
    }

    Bucket target() { return bucket; }

    PendingUpload pending() { return pending; }

    WriteCondition condition() { return condition; }
}
