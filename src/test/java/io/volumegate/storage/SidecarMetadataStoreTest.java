package io.volumegate.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs whatever the filesystem: the sidecar is what buckets without xattrs rely on. */
class SidecarMetadataStoreTest extends MetadataStoreContract {

    @Override
    MetadataStore createStore(Path bucketRoot) {
        return new SidecarMetadataStore(bucketRoot);
    }

    @Test
    void sidecarLivesUnderTheHashOfTheKey() throws Exception {
        String key = "photos/2024/cat.jpg";
        Path file = object(key, "jpeg");
        store.write(file, key, ObjectMetadataTest.full());

        String hash = HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        Path expected = bucket.resolve(".volumegate/meta").resolve(hash.substring(0, 2)).resolve(hash);
        assertTrue(Files.isRegularFile(expected), expected.toString());
        assertEquals(expected, ((SidecarMetadataStore) store).sidecar(key));

        store.delete(file, key);
        assertFalse(Files.exists(expected));
    }

    @Test
    void writesNoXattrs() throws IOException {
        Path file = object("x.txt", "x");
        store.write(file, "x.txt", ObjectMetadataTest.full());
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        if (view != null) {
            try {
                assertEquals(List.of(), view.list());
            } catch (IOException unsupported) {
                // a filesystem without xattrs: nothing to check
            }
        }
    }

    @Test
    void aCorruptSidecarReadsAsNoMetadata() throws IOException {
        Path file = object("c.txt", "c");
        store.write(file, "c.txt", ObjectMetadataTest.full());
        Files.writeString(((SidecarMetadataStore) store).sidecar("c.txt"), "garbage without a version");
        assertEquals(Optional.empty(), store.read(file, "c.txt"));
    }

    @Test
    void keysThatDifferOnlyInATrailingSlashHaveTheirOwnSidecars() {
        SidecarMetadataStore sidecars = (SidecarMetadataStore) store;
        assertFalse(sidecars.sidecar("a").equals(sidecars.sidecar("a/")));
    }
}
