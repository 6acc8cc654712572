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
    private final QuotaReservation reservation;

    PendingUpload(String key, Path tempFile, FileChannel channel, QuotaReservation reservation) {
        super(tempFile, channel);
        this.key = key;
        this.reservation = reservation;
    }

    public String key() { return key; }

    /** The share of the bucket's quota held for this upload since it began; settled by its commit. */
    QuotaReservation reservation() { return reservation; }

    /** Also gives back its share of the quota; after a commit, that is settled already and this changes nothing. */
    @Override
    public void abort() {
        super.abort();
        reservation.release();
    }
}
