package io.volumegate.storage;

/**
 * The share of a bucket's quota one write in flight holds, from the check before its body to
 * its commit, so that writes checked at the same time on any node cannot all fit alone and
 * together go over. Settled by the commit, released by an abort; idempotent either way.
 */
public final class QuotaReservation {
    /** No reservation: the bucket has no quota, or the write's growth was not reserved. */
    static final QuotaReservation NONE = new QuotaReservation(null, null);

    private final BucketUsage usage;
    private final String id;
    private volatile boolean done;

    QuotaReservation(BucketUsage usage, String id) {
        this.usage = usage;
        this.id = id;
        this.done = usage == null;
    }

    /** Its name in the usage record; null for {@link #NONE}. */
    String id() {
        return done ? null : id;
    }

    void markDone() {
        done = true;
    }

    /** Gives the reservation back (an aborted write); nothing once settled. Never throws: it expires anyway. */
    public void release() {
        if (done) return;
        done = true;
        usage.release(id);
    }
}
