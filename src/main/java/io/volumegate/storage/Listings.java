package io.volumegate.storage;

import java.util.concurrent.atomic.LongAdder;

/**
 * How many entries (objects or versions, and common prefixes) listings have produced: the
 * work a listing costs grows with them, so an operator watches them. Plain totals that a
 * metrics library reads when it is scraped; the storage layer knows none. Every listing of
 * either API goes through {@link Bucket#list} or {@link Bucket#listVersions}.
 */
public final class Listings {
    private static final LongAdder OBJECTS = new LongAdder();
    private static final LongAdder VERSIONS = new LongAdder();

    private Listings() {}

    static void objects(int entries) { OBJECTS.add(entries); }

    static void versions(int entries) { VERSIONS.add(entries); }

    /** Entries of object listings (ListObjects V1 and V2, the management API's listing) so far. */
    public static long objectEntries() { return OBJECTS.sum(); }

    /** Entries of version listings (ListObjectVersions, the management API's versions) so far. */
    public static long versionEntries() { return VERSIONS.sum(); }
}
