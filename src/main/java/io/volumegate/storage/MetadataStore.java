package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Where one bucket keeps {@link ObjectMetadata}: in user xattrs, or in sidecar files under
 * {@code <bucket>/.volumegate/meta/}. Get the store for a bucket from {@link MetadataStores};
 * callers never pick an implementation themselves.
 *
 * <p>Two arguments name an object because they can differ: {@code target} is the file (or,
 * for a directory object, the directory) that carries the metadata and whose fingerprint is
 * checked — during a PUT that is the temp file in {@code .volumegate/tmp/} before it is
 * renamed into place (rename keeps its inode, xattrs and mtime); {@code key} is the object
 * key, which names the sidecar. The caller resolves symlinks before calling.
 */
public interface MetadataStore {

    /**
     * The metadata of {@code target}, or empty when there is none, it cannot be parsed, or it
     * is stale: its fingerprint does not match {@code current}, so another program has
     * rewritten the file since we wrote it.
     *
     * @param current {@code target}'s attributes, which a listing already has at hand
     */
    Optional<ObjectMetadata> read(Path target, String key, BasicFileAttributes current) throws IOException;

    /** {@link #read(Path, String, BasicFileAttributes)} with attributes read now. */
    default Optional<ObjectMetadata> read(Path target, String key) throws IOException {
        return read(target, key, Files.readAttributes(target, BasicFileAttributes.class));
    }

    /**
     * Stores {@code metadata} for the object. The fingerprint is taken from {@code target}'s
     * current size and mtime (whatever {@code metadata} carries is replaced), so write after
     * the last byte of content has been written; setting xattrs does not change the mtime.
     */
    void write(Path target, String key, ObjectMetadata metadata) throws IOException;

    /**
     * Lets the metadata of the file {@code target}, now stored under {@code fromName}, also be
     * found under {@code toName}, for when the same file gets a second name (a version kept in
     * a key's history is a hard link to the object file). Xattrs travel with the file already;
     * a sidecar blob is copied.
     */
    void carry(Path target, String fromName, String toName) throws IOException;

    /** Removes what is stored under {@code name} apart from the file, leaving the file's own xattrs alone. */
    void forget(String name) throws IOException;

    /** Removes the metadata of the object; {@code target} need not exist any more. */
    void delete(Path target, String key) throws IOException;
}
