package io.volumegate.objects;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.WriteCondition;

import java.util.Optional;

/**
 * How to copy: the copy's metadata ({@code replacement}, or null to keep the source's), the
 * checksum it gets (empty: the source's own), the destination's write condition, and the
 * largest source this copy may take.
 */
public record CopySpec(ObjectMetadata replacement, Optional<ChecksumAlgorithm> checksum, WriteCondition condition, long maxSize) {
    public static CopySpec keepingMetadata(long maxSize) {
        return new CopySpec(null, Optional.empty(), WriteCondition.NONE, maxSize);
    }
}
