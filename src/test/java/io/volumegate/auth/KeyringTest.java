package io.volumegate.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyringTest {
    @Test
    void firstOpenCreatesAKeystoreWithAnAdminShownOnce(@TempDir Path volume) throws Exception {
        Keyring keyring = TestKeyrings.forVolume(volume);
        Keyring.Opening first = keyring.open();
        assertTrue(first.created());
        Credential admin = first.generatedAdmin().orElseThrow();
        assertTrue(admin.admin());
        assertTrue(Files.exists(volume.resolve(".volumegate/keystore.p12")));

        Keyring.Opening second = TestKeyrings.forVolume(volume).open();
        assertFalse(second.created());
        assertTrue(second.generatedAdmin().isEmpty(), "the secret is shown only when it is made");
    }

    @Test
    void anotherKeyringOnTheSameFileSeesCreationsAndDeletions(@TempDir Path volume) throws Exception {
        Keyring node1 = TestKeyrings.forVolume(volume);
        node1.open();
        Keyring node2 = TestKeyrings.forVolume(volume);
        node2.open();

        Credential reader = node1.create(Set.of("photos"), true, false, "read photos");
        assertArrayEquals(reader.secret(), node2.find(reader.accessKeyId()).orElseThrow().secret());
        assertEquals(Set.of("photos"), node2.find(reader.accessKeyId()).orElseThrow().buckets());

        node1.delete(reader.accessKeyId());
        assertTrue(node2.find(reader.accessKeyId()).isEmpty(), "a deleted key is refused by every node");
    }

    @Test
    void aReloadDecryptsOnlyTheEntriesThatChanged(@TempDir Path volume) throws Exception {
        Keyring node1 = TestKeyrings.forVolume(volume);
        node1.open();
        for (int i = 0; i < 10; i++) node1.create(Set.of(), false, false, "key " + i);
        Keyring node2 = TestKeyrings.forVolume(volume);
        node2.open();
        long afterFirstLoad = node2.decryptions();

        Credential added = node1.create(Set.of(), false, false, "one more");
        assertTrue(node2.find(added.accessKeyId()).isPresent());
        assertEquals(2, node2.decryptions() - afterFirstLoad, "only the new credential's secret and scope");
        assertEquals(12, node2.list().size());
    }
}
