package io.volumegate.storage.multipart;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UploadIdTest {
    @Test
    void idsAreUrlSafeUniqueAndParseBack() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            UploadId id = UploadId.generate(Instant.now());
            assertTrue(id.value().matches("[0-9a-f]{12}[A-Za-z0-9_-]{20}"), id.value());
            assertTrue(seen.add(id.value()), "unique");
            assertEquals(id, UploadId.parse(id.value()).orElseThrow());
        }
    }

    @Test
    void idsOfOneKeySortInCreationOrder() {
        UploadId earlier = UploadId.generate(Instant.ofEpochMilli(1_700_000_000_000L));
        UploadId later = UploadId.generate(Instant.ofEpochMilli(1_700_000_000_001L));
        assertTrue(earlier.value().compareTo(later.value()) < 0);
    }

    @Test
    void anythingElseNeverBecomesAPath() {
        for (String bad : new String[] {null, "", "..", "../../etc", "0190a3f2c1d4Xq3v9Kp0bT_m2LwZc8a/",
                "0190a3f2c1d4Xq3v9Kp0bT_m2LwZc8aE.deleting", "0190A3F2C1D4Xq3v9Kp0bT_m2LwZc8aE", "0190a3f2c1d4Xq3v9Kp0bT+m2LwZc8aE"}) {
            assertTrue(UploadId.parse(bad).isEmpty(), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new UploadId("../x"));
    }
}
