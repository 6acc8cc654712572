package io.volumegate.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes sharing a volume change one keystore file: each change reads it, changes it and
 * renames a new file over it. Two nodes doing that at once must not lose either change.
 * Each Keyring here stands for one node (its own instance, so its own monitor).
 */
class KeyringConcurrencyTest {
    @Test
    void credentialsCreatedOnSeveralNodesAtOnceAreAllKept(@TempDir Path volume) throws Exception {
        List<Keyring> nodes = List.of(TestKeyrings.forVolume(volume), TestKeyrings.forVolume(volume), TestKeyrings.forVolume(volume));
        nodes.get(0).open();
        for (Keyring node : nodes) node.open();

        int perNode = 8;
        List<Callable<String>> creations = new ArrayList<>();
        for (Keyring node : nodes) {
            for (int i = 0; i < perNode; i++) {
                creations.add(() -> node.create(Set.of("bucket"), false, false, "concurrent").accessKeyId());
            }
        }
        Set<String> created = runTogether(creations);
        assertEquals(nodes.size() * perNode, created.size());

        Set<String> kept = TestKeyrings.forVolume(volume).list().stream().map(Keyring.CredentialInfo::accessKeyId)
                .collect(Collectors.toSet());
        assertTrue(kept.containsAll(created), "lost: " + created.stream().filter(id -> !kept.contains(id)).toList());
    }

    @Test
    void nodesStartingTogetherOnAnEmptyVolumeAgreeOnOneKeystore(@TempDir Path volume) throws Exception {
        List<Callable<Keyring.Opening>> openings = new ArrayList<>();
        List<Keyring> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Keyring node = TestKeyrings.forVolume(volume);
            nodes.add(node);
            openings.add(node::open);
        }
        List<Keyring.Opening> results = runAll(openings);
        List<Credential> generated = results.stream().flatMap(o -> o.generatedAdmin().stream()).toList();
        assertEquals(1, results.stream().filter(Keyring.Opening::created).count(), "one node creates the keystore");
        assertEquals(1, generated.size(), "one admin credential is made and shown");
        for (Keyring node : nodes) {
            assertTrue(node.find(generated.get(0).accessKeyId()).isPresent(), "the admin that was shown works on every node");
        }
    }

    private static Set<String> runTogether(List<Callable<String>> tasks) throws Exception {
        return Set.copyOf(runAll(tasks));
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) results.add(future.get(60, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
