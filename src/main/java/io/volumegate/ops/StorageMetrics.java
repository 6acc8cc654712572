package io.volumegate.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.volumegate.storage.Fsyncs;
import io.volumegate.storage.Listings;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The volume's and the keystore's work, read from the plain totals storage and the keyring keep
 * (they know no metrics library), each time Prometheus scrapes:
 *
 * <pre>
 * volumegate_fsync_seconds_count{target="file|directory"}, _sum   fsyncs and the time they took
 * volumegate_listing_entries_total{listing="objects|versions"}     entries (and common prefixes) listings served
 * volumegate_keystore_reloads_total                                times the keystore file was read
 * </pre>
 */
final class StorageMetrics implements MeterBinder {
    private final LongSupplier keystoreReloads;

    StorageMetrics(LongSupplier keystoreReloads) {
        this.keystoreReloads = keystoreReloads;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        fsync(registry, "file", Fsyncs.files(), "Fsyncs of files (object data, metadata, records) and their time");
        fsync(registry, "directory", Fsyncs.directories(), "Fsyncs of directories after a rename or delete and their time");
        FunctionCounter.builder("volumegate.listing.entries", Listings.class, c -> Listings.objectEntries())
                .tag("listing", "objects").description("Objects and common prefixes served by object listings").register(registry);
        FunctionCounter.builder("volumegate.listing.entries", Listings.class, c -> Listings.versionEntries())
                .tag("listing", "versions").description("Versions, delete markers and common prefixes served by version listings")
                .register(registry);
        FunctionCounter.builder("volumegate.keystore.reloads", keystoreReloads, LongSupplier::getAsLong)
                .description("Times the keystore file was read: at start-up and whenever it changed").register(registry);
    }

    private static void fsync(MeterRegistry registry, String target, Fsyncs.Totals totals, String description) {
        FunctionTimer.builder("volumegate.fsync", totals, Fsyncs.Totals::count, Fsyncs.Totals::nanos, TimeUnit.NANOSECONDS)
                .tag("target", target).description(description).register(registry);
    }
}
