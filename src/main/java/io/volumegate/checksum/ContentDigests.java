package io.volumegate.checksum;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * MD5 (the ETag body, lower-case hex) and flexible checksums (base64) of some content, in the
 * form {@link io.volumegate.storage.ObjectMetadata} stores them.
 */
public record ContentDigests(String md5Hex, Map<ChecksumAlgorithm, String> checksums) {
    public ContentDigests {
        checksums = Collections.unmodifiableMap(checksums.isEmpty() ? new EnumMap<>(ChecksumAlgorithm.class) : new EnumMap<>(checksums));
    }
}
