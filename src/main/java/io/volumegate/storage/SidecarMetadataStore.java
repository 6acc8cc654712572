package io.volumegate.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Metadata in files {@code <bucket>/.volumegate/meta/<2 hex>/<sha256 hex of the key>}: for
 * filesystems without user xattrs (some NFS), and for blobs too large for an xattr.
 *
 * <p>The file name is a hash of the key, not the key path, so that a key whose segments are
 * 255 bytes (a name plus any suffix would exceed NAME_MAX) or whose tree is deep still has a
 * short, flat sidecar; the 2-hex fan-out keeps directories small.
 */
final class SidecarMetadataStore implements MetadataStore {
    private static final System.Logger LOG = System.getLogger(SidecarMetadataStore.class.getName());

    private final Path metaDir;
    private final Path tmpDir;

    SidecarMetadataStore(Path bucketRoot) {
        Path reserved = bucketRoot.resolve(".volumegate");
        this.metaDir = reserved.resolve("meta");
        this.tmpDir = tmpDir(bucketRoot);
    }

    /** Where a bucket's in-flight files live (DESIGN §3): same filesystem, so renames are atomic. */
    static Path tmpDir(Path bucketRoot) {
        return bucketRoot.resolve(".volumegate").resolve("tmp");
    }

    @Override
    public Optional<ObjectMetadata> read(Path target, String key, BasicFileAttributes current) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sidecar(key));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return FreshMetadata.parse(bytes, current, LOG, key);
    }

    @Override
    public void write(Path target, String key, ObjectMetadata metadata) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
        writeBlob(key, metadata.withFingerprint(attrs).toBytes());
    }

    /** For {@link XattrMetadataStore}'s overflow: a blob that already carries its fingerprint. */
    void writeBlob(String key, byte[] blob) throws IOException {
        AtomicFiles.write(tmpDir, sidecar(key), blob);
    }

    @Override
    public void carry(Path target, String fromName, String toName) throws IOException {
        byte[] blob;
        try {
            blob = Files.readAllBytes(sidecar(fromName));
        } catch (NoSuchFileException e) {
            return; // the file has no metadata
        }
        writeBlob(toName, blob);
    }

    @Override
    public void forget(String name) throws IOException {
        Files.deleteIfExists(sidecar(name));
    }

    @Override
    public void delete(Path target, String key) throws IOException {
        // No directory fsync: a sidecar that reappears after a crash is harmless, because its
        // fingerprint no longer matches any file (or the file is gone with it).
        Files.deleteIfExists(sidecar(key));
    }

    /** The sidecar file of {@code key}; package-private for tests. */
    Path sidecar(String key) {
        String hash = sha256Hex(key);
        return metaDir.resolve(hash.substring(0, 2)).resolve(hash);
    }

    private static String sha256Hex(String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
