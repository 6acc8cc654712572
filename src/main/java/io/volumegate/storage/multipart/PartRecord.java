package io.volumegate.storage.multipart;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a staged part is, written beside its data as {@code part-NNNNN.record}: its size, MD5
 * (the part's ETag) and checksums, and the fingerprint of the data file it describes. The
 * record and the data are two files, so a reader trusts a record only while the fingerprint
 * still matches the data file: a crash between replacing a part's data and its record then
 * makes the part look missing, never wrongly described.
 *
 * @param checksums algorithm name (upper-case) to base64 value: the upload's algorithm, and
 *                  the client's own when it sent another
 */
public record PartRecord(int number, long size, String md5Hex, Map<String, String> checksums, Instant lastModified,
                         String fingerprint) {
    private static final String WHAT = "part record";
    private static final String CHECKSUM_PREFIX = "checksum.";

    public PartRecord {
        checksums = Collections.unmodifiableMap(new TreeMap<>(checksums));
        lastModified = lastModified.truncatedTo(ChronoUnit.MILLIS); // as stored
    }

    /** The part's ETag as UploadPart answered it: the quoted MD5 of its bytes. */
    public String etag() { return '"' + md5Hex + '"'; }

    /** The base64 checksum for an algorithm (upper-case name), or null when not computed. */
    public String checksum(String algorithm) { return checksums.get(algorithm.toUpperCase(Locale.ROOT)); }

    byte[] toBytes() {
        Properties p = RecordFormat.create();
        p.setProperty("number", Integer.toString(number));
        p.setProperty("size", Long.toString(size));
        p.setProperty("md5", md5Hex);
        p.setProperty("last-modified", Long.toString(lastModified.toEpochMilli()));
        p.setProperty("fingerprint", fingerprint);
        checksums.forEach((algorithm, value) -> p.setProperty(CHECKSUM_PREFIX + algorithm, value));
        return RecordFormat.toBytes(p);
    }

    /** @throws IllegalArgumentException when the bytes are not a part record */
    static PartRecord fromBytes(byte[] bytes) {
        Properties p = RecordFormat.parse(bytes, WHAT);
        Map<String, String> checksums = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(CHECKSUM_PREFIX)) checksums.put(name.substring(CHECKSUM_PREFIX.length()), p.getProperty(name));
        }
        return new PartRecord(
                (int) RecordFormat.requiredLong(p, "number", WHAT),
                RecordFormat.requiredLong(p, "size", WHAT),
                RecordFormat.required(p, "md5", WHAT),
                checksums,
                RecordFormat.requiredInstant(p, "last-modified", WHAT),
                RecordFormat.required(p, "fingerprint", WHAT));
    }
}
