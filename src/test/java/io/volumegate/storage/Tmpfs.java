package io.volumegate.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small tmpfs mounted over a directory for the length of a test, to fill a disk on purpose.
 * Mounting needs root (as CI runs); elsewhere the test is skipped with a JUnit assumption.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path directory;

    private Tmpfs(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of {@code size} (mount(8) syntax: "8m") over {@code directory}, or skips the test. */
    public static Tmpfs mount(Path directory, String size) throws Exception {
        Files.createDirectories(directory);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString()) == 0,
                "skipped: mounting a tmpfs (mount -t tmpfs) needs root, as CI runs; this user may not");
        return new Tmpfs(directory);
    }

    public long usable() throws IOException {
        FileStore store = Files.getFileStore(directory);
        return store.getUsableSpace();
    }

    /**
     * Writes a file of zeros at {@code file} (on this tmpfs) until only about {@code leave}
     * bytes are usable; {@code leave} 0 fills the filesystem to the last byte.
     */
    public void fillLeaving(Path file, long leave) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            long toWrite = leave == 0 ? Long.MAX_VALUE : usable() - leave;
            for (long written = 0; written < toWrite; written += block.length) out.write(block);
        } catch (IOException full) {
            if (leave != 0) throw full; // no space left on device: as intended when filling up
        }
    }

    @Override
    public void close() throws Exception {
        assertEquals(0, run("umount", directory.toString()), "umount " + directory);
    }

    /** Changes the size of the mounted tmpfs (mount(8) syntax), e.g. to make room again. */
    public void resize(String size) throws Exception {
        assertEquals(0, run("mount", "-o", "remount,size=" + size, directory.toString()), "remount " + directory);
    }

    /** Remounts this tmpfs read-only: every write to it then fails with EROFS, reads go on. */
    public void readOnly() throws Exception {
        assertEquals(0, run("mount", "-o", "remount,ro", directory.toString()), "remount,ro " + directory);
    }

    /** Remounts this tmpfs read-write again. */
    public void writable() throws Exception {
        assertEquals(0, run("mount", "-o", "remount,rw", directory.toString()), "remount,rw " + directory);
    }

    private static int run(String... command) throws Exception {
        try {
            return new ProcessBuilder(List.of(command)).inheritIO().start().waitFor();
        } catch (IOException notThere) {
            return -1;
        }
    }
}
