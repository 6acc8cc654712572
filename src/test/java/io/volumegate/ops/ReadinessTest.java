package io.volumegate.ops;

import io.volumegate.storage.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadinessTest {
    @TempDir
    Path dir;

    private Path volumeWithKeystore() throws Exception {
        Path volume = Files.createDirectories(dir.resolve("volume"));
        Files.createDirectories(volume.resolve(".volumegate"));
        Files.write(volume.resolve(".volumegate/keystore.p12"), new byte[] {1, 2, 3});
        return volume;
    }

    @Test
    void readyWhenEveryDirectoryTakesFilesAndHasSpace() throws Exception {
        Path volume = volumeWithKeystore();
        Path bound = Files.createDirectories(dir.resolve("share"));
        Readiness readiness = new Readiness(Map.of("volume", volume, "share", bound), volume.resolve(".volumegate/keystore.p12"), 1);

        assertEquals(List.of(), readiness.problems());
        assertEquals("{\"status\":\"UP\"}", Readiness.json(List.of()));
        try (var left = Files.list(volume.resolve(".volumegate"))) {
            assertEquals(List.of("keystore.p12"), left.map(p -> p.getFileName().toString()).toList(), "the probe file is gone");
        }
        try (var left = Files.list(bound)) {
            assertEquals(List.of(".volumegate"), left.map(p -> p.getFileName().toString()).toList(), "probes stay in the reserved folder");
        }
    }

    @Test
    void aVolumeBelowTheReserveIsNotReady() throws Exception {
        Path volume = volumeWithKeystore();
        List<String> problems = new Readiness(Map.of("volume", volume), volume.resolve(".volumegate/keystore.p12"), Long.MAX_VALUE)
                .problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("less than the reserve"), problems.get(0));
    }

    @Test
    void aMissingVolumeOrKeystoreIsNotReady() throws Exception {
        Path volume = dir.resolve("gone");
        List<String> problems = new Readiness(Map.of("volume", volume), volume.resolve(".volumegate/keystore.p12"), 1).problems();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("missing or not a directory"), problems.get(0));
        assertTrue(problems.get(1).startsWith("the keystore"), problems.get(1));
        assertEquals("{\"status\":\"DOWN\",\"reasons\":[\"a \\\"b\\\"\",\"c\"]}", Readiness.json(List.of("a \"b\"", "c")));
    }

    @Test
    void aVolumeThatTakesNoFileIsNotReady() throws Exception {
        Path volume = volumeWithKeystore();
        // Where the probe goes: a file in the way of the reserved folder makes it fail as a read-only disk would.
        Path bound = Files.createDirectories(dir.resolve("share"));
        Files.writeString(bound.resolve(".volumegate"), "not a directory");
        List<String> problems = new Readiness(Map.of("share", bound), volume.resolve(".volumegate/keystore.p12"), 1).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("bucket share's directory") && problems.get(0).contains("not writable"), problems.get(0));
    }

    @Test
    void aReadOnlyVolumeIsNotReadyButItsKeystoreStillReads() throws Exception {
        Path volume = dir.resolve("ro-volume");
        try (Tmpfs tmpfs = Tmpfs.mount(volume, "4m")) {
            Files.createDirectories(volume.resolve(".volumegate"));
            Files.write(volume.resolve(".volumegate/keystore.p12"), new byte[] {1, 2, 3});
            tmpfs.readOnly();
            List<String> problems = new Readiness(Map.of("volume", volume), volume.resolve(".volumegate/keystore.p12"), 1).problems();
            assertEquals(List.of("the volume " + volume + " is not writable: Read-only file system"), problems);
            assertEquals("{\"status\":\"DOWN\",\"reasons\":[\"the volume " + volume + " is not writable: Read-only file system\"]}",
                    Readiness.json(problems));
        }
    }
}
