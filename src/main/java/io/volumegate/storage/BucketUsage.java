package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A bucket's accounted usage, so that neither a quota check nor a usage report walks the
 * bucket: a {@link UsageRecord} on the volume, changed only under the bucket's usage lock (a
 * {@link CommitLock}, which every node sharing the volume respects) by the deltas of commits
 * and deletes, and rebuilt by a walk ({@link UsageWalk}) when it is missing or stale, which
 * is how files other programs write (or remove) come to count.
 *
 * <p>Lock order: a key's commit lock, then this one; never the other way round.
 */
final class BucketUsage {
    private static final System.Logger LOG = System.getLogger(BucketUsage.class.getName());
    /** NUL is in no key, so no key's commit lock is this one. */
    private static final String USAGE_LOCK = "\0usage";
    /**
     * How long a reservation holds its share when its write neither commits nor aborts (its
     * node died). A write slower than this is still held to the quota at its commit.
     */
    static final Duration RESERVATION_LIFETIME = Duration.ofHours(1);
    /** Walks that writes raced are tried again this many times before one is taken as it is. */
    private static final int WALK_ATTEMPTS = 3;

    private final Path file;
    private final Path locks;
    private final Path tmp;
    private final UsageWalk walk;
    private final Executor background;
    private final Supplier<Duration> staleAfter;
    private final Clock clock;
    private final AtomicBoolean walking = new AtomicBoolean();

    BucketUsage(Path reserved, UsageWalk walk, Executor background, Supplier<Duration> staleAfter, Clock clock) {
        this.file = reserved.resolve("usage.properties");
        this.locks = reserved.resolve("locks");
        this.tmp = reserved.resolve("tmp");
        this.walk = walk;
        this.background = background;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /**
     * The usage as accounted, without waiting for a walk: empty while the bucket was never
     * counted. A missing or stale count starts a walk in the background.
     */
    Optional<Usage> known() throws IOException {
        UsageRecord record = read();
        if (!record.counted() || isStale(record)) reconcileLater();
        return record.counted() ? Optional.of(record.used()) : Optional.empty();
    }

    /** Older than the walk interval; an interval of zero walks only a bucket never counted. */
    private boolean isStale(UsageRecord record) {
        Duration interval = staleAfter.get();
        return !interval.isZero() && !interval.isNegative() && record.reconciled().plus(interval).isBefore(clock.instant());
    }

    /** The usage as accounted, counting the bucket now if it never was (a quota needs a number). */
    Usage counted() throws IOException {
        UsageRecord record = read();
        if (!record.counted()) return reconcile();
        if (isStale(record)) reconcileLater();
        return record.used();
    }

    /**
     * Checks that a write of {@code growth} fits the quota beside everything used and reserved,
     * and reserves it. {@code sizeKnown} false: {@code growth.bytes()} is not known yet (see
     * {@link BucketQuota#requireUnknownSize}). No quota: nothing reserved, nothing written.
     */
    QuotaReservation reserve(BucketQuota quota, Usage growth, boolean sizeKnown) throws IOException {
        if (quota.isNone()) return QuotaReservation.NONE;
        counted();
        String id = UUID.randomUUID().toString();
        change(record -> {
            Instant now = clock.instant();
            Usage taken = record.taken(now, null);
            if (sizeKnown) quota.require(taken, growth); else quota.requireUnknownSize(taken, growth.objects());
            return record.reserving(id, reservation(sizeKnown ? growth : new Usage(0, growth.objects()), now), now);
        });
        return new QuotaReservation(this, id);
    }

    /** {@link #reserve} without reserving: refuses what does not fit now, beside what is used and reserved. */
    void check(BucketQuota quota, Usage growth, boolean sizeKnown) throws IOException {
        if (quota.isNone()) return;
        UsageRecord record = read();
        if (!record.counted()) {
            reconcile();
            record = read();
        }
        Usage taken = record.taken(clock.instant(), null);
        if (sizeKnown) quota.require(taken, growth); else quota.requireUnknownSize(taken, growth.objects());
    }

    /**
     * Checks a write about to commit against the quota with its real {@code growth}, besides
     * what is used and what other writes reserved, and holds that growth under {@code own}
     * (a new reservation when it has none) until {@link #settle}. Called under the key's lock.
     */
    QuotaReservation admit(BucketQuota quota, Usage growth, QuotaReservation own) throws IOException {
        if (quota.isNone()) return own;
        counted();
        String id = own.id() != null ? own.id() : UUID.randomUUID().toString();
        change(record -> {
            Instant now = clock.instant();
            quota.require(record.taken(now, id), growth);
            return record.reserving(id, reservation(growth, now), now);
        });
        return own.id() != null ? own : new QuotaReservation(this, id);
    }

    /**
     * Applies what a commit or delete changed and drops its reservation. The change is done
     * already, so a failure here is logged, not thrown: the count is then behind until the
     * next walk.
     */
    void settle(QuotaReservation reservation, Usage delta) {
        String id = reservation.id();
        reservation.markDone();
        if (id == null && delta.isZero()) return;
        try {
            change(record -> record.settling(id, delta, clock.instant()));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "usage of " + file + " not updated; the next walk counts it", e);
        }
    }

    /** Drops a reservation whose write was given up. */
    void release(String id) {
        try {
            change(record -> record.settling(id, Usage.ZERO, clock.instant()));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reservation in " + file + " not released; it expires", e);
        }
    }

    /**
     * Counts the bucket by walking it, and makes that the accounted usage. The walk holds no
     * lock (it may take long, and locks are broken as stale after seconds); writes of ours that
     * committed meanwhile show in the record's generation, and then the walk is made again,
     * since it may have seen some of them and missed others.
     */
    Usage reconcile() throws IOException {
        for (int attempt = 1; ; attempt++) {
            long before = read().generation();
            Usage walked = walk.count();
            boolean last = attempt == WALK_ATTEMPTS;
            boolean[] taken = {false};
            change(record -> {
                if (record.generation() != before && !last) return record;
                taken[0] = true;
                return record.counted(walked, clock.instant());
            });
            if (taken[0]) return walked;
        }
    }

    /** {@link #reconcile} on the background executor, unless a walk of this bucket runs already. */
    void reconcileLater() {
        if (!walking.compareAndSet(false, true)) return;
        try {
            background.execute(() -> {
                try {
                    reconcile();
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "usage walk of " + file.getParent().getParent() + " failed", e);
                } finally {
                    walking.set(false);
                }
            });
        } catch (RuntimeException rejected) {
            walking.set(false); // the executor is full or stopping: the next use asks again
        }
    }

    private UsageRecord.Reservation reservation(Usage amount, Instant now) {
        return new UsageRecord.Reservation(amount, now.plus(RESERVATION_LIFETIME));
    }

    private interface Change {
        UsageRecord apply(UsageRecord record) throws IOException;
    }

    private UsageRecord change(Change change) throws IOException {
        // The lock and the record would make the folders on their way: a walk that ends after
        // its bucket was deleted must not bring the bucket's directory back.
        Path bucketRoot = file.getParent().getParent();
        if (!Files.isDirectory(bucketRoot)) throw new NoSuchFileException(bucketRoot.toString());
        try (CommitLock lock = CommitLock.acquire(locks, USAGE_LOCK)) {
            UsageRecord before = read();
            UsageRecord after = change.apply(before);
            if (!after.equals(before)) write(after);
            return after;
        }
    }

    UsageRecord read() throws IOException {
        try {
            return UsageRecord.parse(Files.readAllBytes(file));
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return UsageRecord.NEVER_COUNTED;
            throw e;
        }
    }

    /**
     * Write and rename, so readers on every node see a whole record; not forced to disk: a
     * count a crash lost is what the next walk is for, and a sync per write would cost every
     * PUT of the bucket a second fsync in one bucket-wide queue.
     */
    private void write(UsageRecord record) throws IOException {
        Files.createDirectories(tmp);
        Path temp = tmp.resolve(".usage." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, record.toBytes());
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
