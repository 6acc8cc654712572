package io.volumegate.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The bucket's accounted usage as it is kept on the volume, in
 * {@code <bucket>/.volumegate/usage.properties}: what it holds, when a walk last counted it,
 * how many changes were applied (so a walk can tell whether writes raced it), and the
 * reservations of writes in flight, each until it expires (a write whose node died leaves
 * one behind, which must not hold the quota for good). Immutable.
 *
 * @param reconciled when a walk last counted the bucket; null: never, so {@code used} is not known
 */
record UsageRecord(Usage used, long generation, Instant reconciled, Map<String, Reservation> reservations) {
    static final UsageRecord NEVER_COUNTED = new UsageRecord(Usage.ZERO, 0, null, Map.of());

    private static final String FORMAT = "v";
    private static final String FORMAT_VERSION = "1";
    private static final String BYTES = "bytes";
    private static final String OBJECTS = "objects";
    private static final String GENERATION = "generation";
    private static final String RECONCILED = "reconciled";
    private static final String RESERVED = "reserved.";

    /** What a write in flight holds of the quota, until {@code expires}. */
    record Reservation(Usage amount, Instant expires) {}

    UsageRecord {
        reservations = Collections.unmodifiableMap(new TreeMap<>(reservations));
    }

    boolean counted() {
        return reconciled != null;
    }

    /** Used plus every reservation still live at {@code now}, except {@code excluded}'s (null: none). */
    Usage taken(Instant now, String excluded) {
        Usage taken = used;
        for (Map.Entry<String, Reservation> entry : reservations.entrySet()) {
            if (entry.getKey().equals(excluded) || entry.getValue().expires().isBefore(now)) continue;
            taken = taken.plus(new Usage(Math.max(entry.getValue().amount().bytes(), 0), Math.max(entry.getValue().amount().objects(), 0)));
        }
        return taken;
    }

    /** With {@code id} reserving {@code amount} (replacing its earlier amount), and expired reservations dropped. */
    UsageRecord reserving(String id, Reservation reservation, Instant now) {
        Map<String, Reservation> next = live(now);
        next.put(id, reservation);
        return new UsageRecord(used, generation, reconciled, next);
    }

    /** Without the reservation {@code id} (null: none), with {@code delta} applied: one change more. */
    UsageRecord settling(String id, Usage delta, Instant now) {
        Map<String, Reservation> next = live(now);
        if (id != null) next.remove(id);
        // Not counted yet: the walk that comes will see the change; the generation tells it one raced it.
        Usage applied = counted() ? clampToZero(used.plus(delta)) : used;
        return new UsageRecord(applied, generation + 1, reconciled, next);
    }

    UsageRecord counted(Usage walked, Instant now) {
        return new UsageRecord(walked, generation, now, live(now));
    }

    private Map<String, Reservation> live(Instant now) {
        Map<String, Reservation> live = new TreeMap<>(reservations);
        live.values().removeIf(r -> r.expires().isBefore(now));
        return live;
    }

    /** Other programs may remove files we counted: never report less than nothing. */
    private static Usage clampToZero(Usage usage) {
        return new Usage(Math.max(usage.bytes(), 0), Math.max(usage.objects(), 0));
    }

    byte[] toBytes() {
        Properties p = new Properties();
        p.setProperty(FORMAT, FORMAT_VERSION);
        p.setProperty(BYTES, Long.toString(used.bytes()));
        p.setProperty(OBJECTS, Long.toString(used.objects()));
        p.setProperty(GENERATION, Long.toString(generation));
        if (reconciled != null) p.setProperty(RECONCILED, Long.toString(reconciled.toEpochMilli()));
        reservations.forEach((id, r) -> p.setProperty(RESERVED + id,
                r.amount().bytes() + " " + r.amount().objects() + " " + r.expires().toEpochMilli()));
        StringWriter out = new StringWriter();
        try {
            p.store(out, "VolumeGate accounted usage; rebuilt by a walk of the bucket when missing or stale");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The record in {@code bytes}; {@link #NEVER_COUNTED} for one that does not parse (a torn or foreign file): a walk rebuilds it. */
    static UsageRecord parse(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            if (!FORMAT_VERSION.equals(p.getProperty(FORMAT))) return NEVER_COUNTED;
            Usage used = new Usage(Long.parseLong(p.getProperty(BYTES, "0")), Long.parseLong(p.getProperty(OBJECTS, "0")));
            String reconciled = p.getProperty(RECONCILED);
            Map<String, Reservation> reservations = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                if (!name.startsWith(RESERVED)) continue;
                String[] fields = p.getProperty(name).trim().split(" ");
                reservations.put(name.substring(RESERVED.length()), new Reservation(
                        new Usage(Long.parseLong(fields[0]), Long.parseLong(fields[1])), Instant.ofEpochMilli(Long.parseLong(fields[2]))));
            }
            return new UsageRecord(used, Long.parseLong(p.getProperty(GENERATION, "0")),
                    reconciled == null ? null : Instant.ofEpochMilli(Long.parseLong(reconciled)), reservations);
        } catch (IOException | RuntimeException e) {
            return NEVER_COUNTED;
        }
    }
}
