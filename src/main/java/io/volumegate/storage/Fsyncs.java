package io.volumegate.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every fsync the storage makes goes through here, and is counted and timed: fsync is where a
 * slow or overloaded disk shows first, so an operator watches it. Plain totals (count, nanoseconds)
 * that a metrics library reads when it is scraped; the storage layer knows none. Totals of the
 * whole deployment, whichever bucket or volume the file is on.
 */
public final class Fsyncs {
    private static final Totals FILES = new Totals();
    private static final Totals DIRECTORIES = new Totals();

    private Fsyncs() {}

    /** Forces a file's content (and its metadata, with {@code metadata}) to the disk. */
    static void file(FileChannel channel, boolean metadata) throws IOException {
        long start = System.nanoTime();
        channel.force(metadata);
        FILES.add(System.nanoTime() - start);
    }

    /** Forces a directory's entries (a rename, a delete) to the disk. */
    static void directory(FileChannel channel) throws IOException {
        long start = System.nanoTime();
        channel.force(true);
        DIRECTORIES.add(System.nanoTime() - start);
    }

    /** Fsyncs of files (object data, metadata sidecars, records) so far. */
    public static Totals files() { return FILES; }

    /** Fsyncs of directories after a rename or delete so far. */
    public static Totals directories() { return DIRECTORIES; }

    /** How many fsyncs, and how long they took together. */
    public static final class Totals {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        private void add(long elapsed) {
            count.increment();
            nanos.add(elapsed);
        }

        public long count() { return count.sum(); }

        public long nanos() { return nanos.sum(); }
    }
}
