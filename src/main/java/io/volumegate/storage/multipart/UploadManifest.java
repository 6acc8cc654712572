package io.volumegate.storage.multipart;

import io.volumegate.storage.ObjectMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Properties;

/**
 * What CreateMultipartUpload decided, written once as {@code uploads/<id>/manifest} and
 * never changed: the key, when it started, the checksum the parts carry and how the
 * object's checksum is derived from them, and the metadata the object will get.
 *
 * @param checksumAlgorithm  the parts' checksum algorithm (upper-case name, e.g. CRC32)
 * @param checksumType       COMPOSITE or FULL_OBJECT
 * @param checksumRequested  whether the client asked for the algorithm (x-amz-checksum-algorithm)
 *                           rather than getting the default CRC64NVME; S3 then holds every part
 *                           to it
 * @param metadata           content headers and x-amz-meta-* of the future object
 */
public record UploadManifest(UploadId id, String key, Instant initiated, String checksumAlgorithm, String checksumType,
                             boolean checksumRequested, ObjectMetadata metadata) {
    private static final String WHAT = "upload manifest";

    public UploadManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(initiated, "initiated");
        Objects.requireNonNull(checksumAlgorithm, "checksumAlgorithm");
        Objects.requireNonNull(checksumType, "checksumType");
        Objects.requireNonNull(metadata, "metadata");
        initiated = initiated.truncatedTo(ChronoUnit.MILLIS); // as stored
    }

    byte[] toBytes() {
        Properties p = RecordFormat.create();
        p.setProperty("id", id.value());
        p.setProperty("key", key);
        p.setProperty("initiated", Long.toString(initiated.toEpochMilli()));
        p.setProperty("checksum-algorithm", checksumAlgorithm);
        p.setProperty("checksum-type", checksumType);
        p.setProperty("checksum-requested", Boolean.toString(checksumRequested));
        p.setProperty("object-metadata", new String(metadata.toBytes(), StandardCharsets.UTF_8));
        return RecordFormat.toBytes(p);
    }

    /** @throws IllegalArgumentException when the bytes are not a manifest */
    static UploadManifest fromBytes(byte[] bytes) {
        Properties p = RecordFormat.parse(bytes, WHAT);
        return new UploadManifest(
                new UploadId(RecordFormat.required(p, "id", WHAT)),
                RecordFormat.required(p, "key", WHAT),
                RecordFormat.requiredInstant(p, "initiated", WHAT),
                RecordFormat.required(p, "checksum-algorithm", WHAT),
                RecordFormat.required(p, "checksum-type", WHAT),
                Boolean.parseBoolean(RecordFormat.required(p, "checksum-requested", WHAT)),
                ObjectMetadata.fromBytes(RecordFormat.required(p, "object-metadata", WHAT).getBytes(StandardCharsets.UTF_8)));
    }
}
