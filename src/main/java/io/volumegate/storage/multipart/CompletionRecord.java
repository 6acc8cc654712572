package io.volumegate.storage.multipart;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * The answer a finished Complete gave, kept as {@code uploads/<id>/completed} after the
 * parts are gone, so that a client retrying Complete (its first answer was lost) gets the
 * same answer instead of NoSuchUpload. The stale-upload sweep removes it later.
 *
 * @param etag          the object's ETag body, {@code <hex>-<parts>}, unquoted
 * @param partsDigest   identifies the part list the client completed with; a retry must list
 *                      the same parts to get this answer
 */
public record CompletionRecord(String key, String etag, String checksumAlgorithm, String checksum, String checksumType,
                               long size, String partsDigest, Instant completed, String versionId) {
    private static final String WHAT = "completion record";

    public CompletionRecord {
        completed = completed.truncatedTo(ChronoUnit.MILLIS); // as stored
    }

    /** The record of a completion whose object was committed as version {@code id} (null outside versioning). */
    public CompletionRecord withVersionId(String id) {
        return new CompletionRecord(key, etag, checksumAlgorithm, checksum, checksumType, size, partsDigest, completed, id);
    }

    byte[] toBytes() {
        Properties p = RecordFormat.create();
        p.setProperty("key", key);
        p.setProperty("etag", etag);
        RecordFormat.putIfSet(p, "checksum-algorithm", checksumAlgorithm);
        RecordFormat.putIfSet(p, "checksum", checksum);
        RecordFormat.putIfSet(p, "checksum-type", checksumType);
        p.setProperty("size", Long.toString(size));
        p.setProperty("parts-digest", partsDigest);
        p.setProperty("completed", Long.toString(completed.toEpochMilli()));
        RecordFormat.putIfSet(p, "version-id", versionId);
        return RecordFormat.toBytes(p);
    }

    /** @throws IllegalArgumentException when the bytes are not a completion record */
    static CompletionRecord fromBytes(byte[] bytes) {
        Properties p = RecordFormat.parse(bytes, WHAT);
        return new CompletionRecord(
                RecordFormat.required(p, "key", WHAT),
                RecordFormat.required(p, "etag", WHAT),
                p.getProperty("checksum-algorithm"),
                p.getProperty("checksum"),
                p.getProperty("checksum-type"),
                RecordFormat.requiredLong(p, "size", WHAT),
                RecordFormat.required(p, "parts-digest", WHAT),
                RecordFormat.requiredInstant(p, "completed", WHAT),
                p.getProperty("version-id"));
    }
}
