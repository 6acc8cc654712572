package io.volumegate.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The one way a file is written durably and renamed into place: small files (metadata
 * sidecars, multipart manifests and records, the keystore) through {@link #write}, and the
 * directory sync after any rename (objects too) through {@link #forceDirectory}. Readers on
 * any node see either the old or the new content, never a partial one, and the new content
 * survives a crash once this returns.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes {@code bytes} to a fresh file in {@code tmpDir}, forces it, renames it onto
     * {@code target} and forces {@code target}'s directory. {@code tmpDir} must be on the same
     * filesystem as {@code target} (both live in the bucket), or the rename is not atomic.
     */
    public static void write(Path tmpDir, Path target, byte[] bytes) throws IOException {
        Files.createDirectories(tmpDir);
        Files.createDirectories(target.getParent());
        // Not Files.createTempFile: that forces mode 0600, while nodes running as other users
        // of the same group must be able to read metadata; CREATE_NEW honours the umask.
        Path tmp = tmpDir.resolve(TempOwner.tempName("." + target.getFileName() + "." + UUID.randomUUID()));
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) out.write(buffer);
                Fsyncs.file(out, false);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(tmp); // only still there when something above failed
        }
    }

    /**
     * Makes a rename or delete in {@code dir} durable (works on Linux; see TOOLCHAIN.md).
     * Best effort: some filesystems (FUSE, some NFS clients) cannot fsync a directory, and the
     * rename before it is atomic all the same.
     */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            Fsyncs.directory(channel);
        } catch (IOException e) {
            // not supported here; see above
        }
    }
}
