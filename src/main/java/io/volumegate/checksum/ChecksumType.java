package io.volumegate.checksum;

import java.util.Locale;
import java.util.Optional;

/**
 * How a multipart object's checksum relates to its bytes: COMPOSITE is
 * a checksum of the parts' checksums ({@code <base64>-<parts>}), FULL_OBJECT the checksum of
 * the whole object as if it had been uploaded in one piece. S3 allows FULL_OBJECT only for
 * the CRCs (they can be combined) and COMPOSITE for all but CRC64NVME.
 */
public enum ChecksumType {
    COMPOSITE, FULL_OBJECT;

    /** What S3 picks when CreateMultipartUpload names an algorithm but no type. */
    public static ChecksumType defaultFor(ChecksumAlgorithm algorithm) {
        return algorithm == ChecksumAlgorithm.CRC64NVME ? FULL_OBJECT : COMPOSITE;
    }

    public boolean allows(ChecksumAlgorithm algorithm) {
        return this == FULL_OBJECT ? CrcCombine.supports(algorithm) : algorithm != ChecksumAlgorithm.CRC64NVME;
    }

    /** The type by its name, in any case. */
    public static Optional<ChecksumType> fromName(String value) {
        for (ChecksumType type : values()) {
            if (type.name().equals(value.strip().toUpperCase(Locale.ROOT))) return Optional.of(type);
        }
        return Optional.empty();
    }
}
