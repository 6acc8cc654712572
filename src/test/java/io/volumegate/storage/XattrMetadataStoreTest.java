package io.volumegate.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skipped (not failed) where the temp directory's filesystem has no user xattrs. */
class XattrMetadataStoreTest extends MetadataStoreContract {

    @Override
    MetadataStore createStore(Path bucketRoot) throws IOException {
        assumeTrue(MetadataStores.userXattrsWork(bucketRoot), "no user xattrs on " + bucketRoot);
        return new XattrMetadataStore(new SidecarMetadataStore(bucketRoot));
    }

    private SidecarMetadataStore sidecars() {
        return new SidecarMetadataStore(bucket);
    }

    private static List<String> xattrs(Path file) throws IOException {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).list();
    }

    @Test
    void smallMetadataLivesInOneXattrAndNoSidecar() throws IOException {
        Path file = object("s.txt", "s");
        store.write(file, "s.txt", ObjectMetadataTest.full());
        assertEquals(List.of(XattrMetadataStore.MAIN), xattrs(file));
        assertFalse(Files.exists(sidecars().sidecar("s.txt")));
    }

    @Test
    void largeMetadataGoesToTheSidecarWithAMarker() throws IOException {
        Path file = object("l.txt", "l");
        ObjectMetadata big = ObjectMetadata.builder().putUserMetadata("x", bigValue(5000)).build();
        store.write(file, "l.txt", big);
        assertEquals(List.of(XattrMetadataStore.MARKER), xattrs(file));
        assertTrue(Files.isRegularFile(sidecars().sidecar("l.txt")));
        assertEquals(bigValue(5000), store.read(file, "l.txt").orElseThrow().userMetadata().get("x"));
    }

    @Test
    void switchingBetweenInlineAndSidecarLeavesOneAuthority() throws IOException {
        Path file = object("sw.txt", "sw");
        store.write(file, "sw.txt", ObjectMetadataTest.full());
        store.write(file, "sw.txt", ObjectMetadata.builder().putUserMetadata("x", bigValue(5000)).build());
        assertEquals(List.of(XattrMetadataStore.MARKER), xattrs(file));
        assertEquals(bigValue(5000), store.read(file, "sw.txt").orElseThrow().userMetadata().get("x"));

        store.write(file, "sw.txt", ObjectMetadata.builder().contentType("text/plain").build());
        assertEquals(List.of(XattrMetadataStore.MAIN), xattrs(file));
        ObjectMetadata read = store.read(file, "sw.txt").orElseThrow();
        assertEquals("text/plain", read.contentType());
        assertTrue(read.userMetadata().isEmpty());
    }

    @Test
    void aValueTheFilesystemRefusesGoesToTheSidecar() throws IOException {
        // No size threshold here, so the filesystem itself refuses: on ext4 a 5 KB value
        // overflows the 4 KiB xattr block (ENOSPC) and any Linux filesystem refuses a 70 KB
        // one (E2BIG, past the kernel's 64 KiB limit).
        store = new XattrMetadataStore(sidecars(), Integer.MAX_VALUE);
        for (int size : new int[] {5_000, 70_000}) {
            String key = "refused-" + size + ".txt";
            Path file = object(key, "r");
            store.write(file, key, ObjectMetadata.builder().putUserMetadata("x", bigValue(size)).build());
            if (size > 65_536) assertEquals(List.of(XattrMetadataStore.MARKER), xattrs(file));
            assertEquals(bigValue(size), store.read(file, key).orElseThrow().userMetadata().get("x"));
        }
    }

    @Test
    void deleteRemovesXattrsAndSidecar() throws IOException {
        Path small = object("ds.txt", "s");
        Path large = object("dl.txt", "l");
        store.write(small, "ds.txt", ObjectMetadataTest.full());
        store.write(large, "dl.txt", ObjectMetadata.builder().putUserMetadata("x", bigValue(6000)).build());
        assertTrue(Files.exists(sidecars().sidecar("dl.txt")));

        store.delete(small, "ds.txt");
        store.delete(large, "dl.txt");

        assertEquals(List.of(), xattrs(small));
        assertEquals(List.of(), xattrs(large));
        assertFalse(Files.exists(sidecars().sidecar("dl.txt")));
    }

    @Test
    void aSidecarWithoutMarkerIsNotConsulted() throws IOException {
        // Readers go to the sidecar only when the file says so; a leftover sidecar of a key
        // whose file was replaced by another program must not be picked up.
        Path file = object("m.txt", "m");
        sidecars().write(file, "m.txt", ObjectMetadataTest.full());
        assertEquals(Optional.empty(), store.read(file, "m.txt"));
    }

    @Test
    void aCorruptXattrReadsAsNoMetadata() throws IOException {
        Path file = object("c.txt", "c");
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class)
                .write(XattrMetadataStore.MAIN, ByteBuffer.wrap("v=99\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), store.read(file, "c.txt"));
    }

    @Test
    void xattrsFollowTheFileWhateverKeyTheReaderPasses() throws IOException {
        // Documented trade-off: inline metadata belongs to the inode (symlinked keys share it).
        Path file = object("k.txt", "k");
        store.write(file, "k.txt", ObjectMetadataTest.full());
        assertTrue(store.read(file, "alias.txt").isPresent());
    }
}
