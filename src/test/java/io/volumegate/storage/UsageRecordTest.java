package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The usage record on the volume, its reservations' lifetime, and when a walk counts the bucket again. */
class UsageRecordTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @TempDir
    Path root;

    @Test
    void roundTripsThroughItsFile() {
        UsageRecord record = new UsageRecord(new Usage(12, 3), 7, NOW,
                Map.of("r1", new UsageRecord.Reservation(new Usage(5, 1), NOW.plusSeconds(60))));
        assertEquals(record, UsageRecord.parse(record.toBytes()));
    }

    @Test
    void aTornOrForeignFileMeansNeverCounted() {
        assertEquals(UsageRecord.NEVER_COUNTED, UsageRecord.parse("bytes=12\nobjects=x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(UsageRecord.NEVER_COUNTED, UsageRecord.parse(new byte[0]));
        assertEquals(UsageRecord.NEVER_COUNTED, UsageRecord.parse("v=1\nbytes=zz".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void expiredReservationsHoldNothingAndAreDroppedAtTheNextChange() {
        UsageRecord record = new UsageRecord(new Usage(10, 1), 0, NOW, Map.of(
                "live", new UsageRecord.Reservation(new Usage(5, 1), NOW.plusSeconds(1)),
                "dead", new UsageRecord.Reservation(new Usage(100, 1), NOW.minusSeconds(1))));
        assertEquals(new Usage(15, 2), record.taken(NOW, null));
        assertEquals(new Usage(10, 1), record.taken(NOW, "live"));
        UsageRecord settled = record.settling("live", new Usage(5, 1), NOW);
        assertEquals(new Usage(15, 2), settled.used());
        assertTrue(settled.reservations().isEmpty());
        assertEquals(1, settled.generation());
    }

    @Test
    void deltasBeforeTheFirstCountOnlyTellTheWalkItWasRaced() {
        UsageRecord settled = UsageRecord.NEVER_COUNTED.settling(null, new Usage(5, 1), NOW);
        assertFalse(settled.counted());
        assertEquals(Usage.ZERO, settled.used());
        assertEquals(1, settled.generation());
    }

    @Test
    void aStaleCountIsWalkedAgainAtTheNextUse() throws IOException {
        Path bucket = Files.createDirectories(root.resolve("b"));
        Path reserved = bucket.resolve(ObjectKeys.RESERVED);
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(java.time.ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        BucketUsage usage = new BucketUsage(reserved, new UsageWalk(bucket, reserved, reserved.resolve("versions")),
                Runnable::run, () -> Duration.ofMinutes(10), clock);
        assertEquals(Usage.ZERO, usage.counted());
        Files.writeString(bucket.resolve("external"), "12345");
        assertEquals(Usage.ZERO, usage.known().orElseThrow()); // fresh: no walk
        now.set(NOW.plus(Duration.ofMinutes(11)));
        usage.known();                                          // stale: walks (here at once)
        assertEquals(new Usage(5, 1), usage.known().orElseThrow());
    }

    @Test
    void theQuotaKeysOfTheSettingsFileAreWhatAnOperatorWrites() {
        BucketSettings settings = BucketSettings.parse("v=1\nquota.max-bytes=2G\nquota.max-objects=1000\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(new BucketQuota(2L << 30, 1000L), settings.quota());
        assertEquals(settings.quota(), BucketSettings.parse(settings.toBytes()).quota());
        BucketSettings typo = BucketSettings.parse("v=1\nquota.max-bytes=lots\nquota.max-objects=-3\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(BucketQuota.NONE, typo.quota()); // logged and left out, not every request of the bucket failed
    }
}
