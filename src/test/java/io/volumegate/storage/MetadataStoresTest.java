package io.volumegate.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MetadataStoresTest {
    @TempDir
    Path volume;

    @Test
    void picksXattrsWhereTheProbeSucceedsAndCachesPerBucket() throws IOException {
        Path bucket = Files.createDirectory(volume.resolve("data"));
        assumeTrue(MetadataStores.userXattrsWork(bucket), "no user xattrs here");
        MetadataStores stores = new MetadataStores();
        MetadataStore store = stores.forBucket(bucket);
        assertInstanceOf(XattrMetadataStore.class, store);
        assertSame(store, stores.forBucket(volume.resolve("data/../data")), "one decision per bucket root");
        assertNotSame(store, stores.forBucket(Files.createDirectory(volume.resolve("other"))));
        stores.forget(bucket);
        assertNotSame(store, stores.forBucket(bucket));
    }

    @Test
    void theProbeLeavesNothingBehind() throws IOException {
        Path bucket = Files.createDirectory(volume.resolve("data"));
        MetadataStores.userXattrsWork(bucket);
        Path tmp = SidecarMetadataStore.tmpDir(bucket);
        assertTrue(Files.isDirectory(tmp));
        try (var entries = Files.list(tmp)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void sidecarOnlyNeverUsesXattrs() throws IOException {
        Path bucket = Files.createDirectory(volume.resolve("nfs"));
        MetadataStore store = MetadataStores.sidecarOnly().forBucket(bucket);
        assertInstanceOf(SidecarMetadataStore.class, store);
        Path file = Files.writeString(bucket.resolve("k"), "v");
        store.write(file, "k", ObjectMetadataTest.full());
        assertEquals("de-CH", store.read(file, "k").orElseThrow().contentLanguage());
    }

    @Test
    void aBucketThatCannotBeProbedIsAnErrorAndNotCached() throws IOException {
        Path notADirectory = Files.writeString(volume.resolve("file"), "x");
        MetadataStores stores = new MetadataStores();
        assertThrows(IOException.class, () -> stores.forBucket(notADirectory));

        Files.delete(notADirectory);
        Files.createDirectory(notADirectory);
        stores.forBucket(notADirectory); // probes again and succeeds
    }
}
