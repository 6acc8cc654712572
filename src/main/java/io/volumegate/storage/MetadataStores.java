package io.volumegate.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hands out the {@link MetadataStore} of each bucket: xattrs (with sidecar overflow) where the
 * bucket's filesystem supports user xattrs, else sidecar files only.
 *
 * <p>Support is probed by really writing, reading and removing an xattr, at the first use of
 * each bucket: asking the FileStore is not enough (an NFS mount may claim the view and then
 * refuse every write), and buckets may sit on different mounts (bucket bindings). Every node
 * probes the same filesystem and so reaches the same decision; the cache is only a cache.
 */
public final class MetadataStores {
    private static final String PROBE = "volumegate.probe";

    private final ConcurrentMap<Path, MetadataStore> byBucket = new ConcurrentHashMap<>();
    private final boolean xattrsAllowed;

    /** Probes each bucket and uses xattrs where they work. */
    public MetadataStores() {
        this(true);
    }

    private MetadataStores(boolean xattrsAllowed) {
        this.xattrsAllowed = xattrsAllowed;
    }

    /** Never uses xattrs, e.g. for a filesystem that accepts them but does not share them between clients. */
    public static MetadataStores sidecarOnly() {
        return new MetadataStores(false);
    }

    /**
     * The store of the bucket rooted at {@code bucketRoot}.
     *
     * @throws IOException when the bucket's {@code .volumegate/tmp} cannot be created; that
     *                     failure is not cached, so a later call probes again
     */
    public MetadataStore forBucket(Path bucketRoot) throws IOException {
        Path root = bucketRoot.toAbsolutePath().normalize();
        MetadataStore known = byBucket.get(root);
        if (known != null) return known;
        // Not computeIfAbsent: the probe does I/O and may throw. Two threads racing here both
        // probe and reach the same answer; the first to publish wins.
        SidecarMetadataStore sidecar = new SidecarMetadataStore(root);
        MetadataStore created;
        try {
            created = xattrsAllowed && userXattrsWork(root) ? new XattrMetadataStore(sidecar) : sidecar;
        } catch (IOException e) {
            if (!isReadOnly(e)) throw e;
            // A read-only volume (EROFS) takes no probe file, but its objects must still read:
            // xattrs that can be listed are where the probe would have put metadata. Not cached
            // here, so a bucket opened anew once the volume is writable is probed for real.
            return xattrsAllowed && userXattrsReadable(root) ? new XattrMetadataStore(sidecar) : sidecar;
        }
        MetadataStore raced = byBucket.putIfAbsent(root, created);
        return raced != null ? raced : created;
    }

    /** Drops the cached decision, e.g. after a bucket is deleted (it may come back on another mount). */
    public void forget(Path bucketRoot) {
        byBucket.remove(bucketRoot.toAbsolutePath().normalize());
    }

    private static boolean isReadOnly(IOException e) {
        return StorageException.classify(e).map(storage -> storage.reason() == StorageException.Reason.READ_ONLY).orElse(false);
    }

    /** Whether the user xattrs of the bucket's directory can be listed (all a read-only volume allows of a probe). */
    static boolean userXattrsReadable(Path bucketRoot) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(bucketRoot, UserDefinedFileAttributeView.class);
            if (view == null) return false;
            view.list();
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Whether user xattrs can be written, read back and removed on a file in the bucket's
     * {@code .volumegate/tmp}. Failing to create that file is an error, not a "no".
     */
    static boolean userXattrsWork(Path bucketRoot) throws IOException {
        Path tmpDir = SidecarMetadataStore.tmpDir(bucketRoot);
        Files.createDirectories(tmpDir);
        Path probe = Files.createFile(tmpDir.resolve("xattr-probe-" + UUID.randomUUID()));
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(probe, UserDefinedFileAttributeView.class);
            if (view == null) return false;
            byte[] value = "probe".getBytes(StandardCharsets.US_ASCII);
            view.write(PROBE, ByteBuffer.wrap(value));
            ByteBuffer back = ByteBuffer.allocate(value.length);
            view.read(PROBE, back);
            boolean same = Arrays.equals(value, back.array());
            view.delete(PROBE);
            return same && !view.list().contains(PROBE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
