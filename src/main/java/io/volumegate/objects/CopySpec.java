package io.volumegate.objects;

import io.volumegate.access.AccessControlList;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.WriteCondition;

import java.util.Map;
import java.util.Optional;

/**
 * How to copy: the copy's metadata ({@code replacement}, or null to keep the source's), the
 * checksum it gets (empty: the source's own), the destination's write condition, the
 * largest source this copy may take, and the copy's tags ({@code tags}, or null to keep the
 * source version's, whichever metadata the copy gets), and the copy's owner and ACL
 * ({@code acl}; null: the bucket owner's and private): a copy belongs to whoever made it,
 * never to the source's owner.
 */
public record CopySpec(ObjectMetadata replacement, Optional<ChecksumAlgorithm> checksum, WriteCondition condition, long maxSize,
                       Map<String, String> tags, AccessControlList acl) {
    /** A copy keeping the source's tags. */
    public CopySpec(ObjectMetadata replacement, Optional<ChecksumAlgorithm> checksum, WriteCondition condition, long maxSize) {
        this(replacement, checksum, condition, maxSize, null, null);
    }

    public static CopySpec keepingMetadata(long maxSize) {
        return new CopySpec(null, Optional.empty(), WriteCondition.NONE, maxSize);
    }
}
