package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An object of 10,000 parts of different sizes: its part list is far larger than an xattr
 * holds, so it must reach the sidecar and come back whole (GET ?partNumber depends on it).
 */
class LargePartListMetadataTest {
    @Test
    void tenThousandDistinctPartSizesSurviveTheMetadataStore(@TempDir Path bucket) throws Exception {
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) sizes.add((5L << 20) + i);
        ObjectMetadata metadata = ObjectMetadata.builder().md5Hex("0123456789abcdef0123456789abcdef-10000")
                .putChecksum("CRC32", "AAAAAA==-10000").checksumType("COMPOSITE").partSizes(PartSizes.of(sizes)).build();
        assertTrue(metadata.toBytes().length > XattrMetadataStore.INLINE_LIMIT, "too large for an xattr");

        Path file = bucket.resolve("object.bin");
        Files.write(file, new byte[10]);
        MetadataStore store = new MetadataStores().forBucket(bucket);
        store.write(file, "object.bin", metadata);

        ObjectMetadata back = store.read(file, "object.bin").orElseThrow();
        assertEquals(10_000, back.partSizes().count());
        assertEquals((5L << 20) + 9_999, back.partSizes().sizeOf(10_000));
        assertEquals("COMPOSITE", back.checksumType());
    }
}
