package io.volumegate.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Optional;

/**
 * Metadata in the user xattr {@code user.volumegate} of the object's file, so it lives and
 * dies with the inode: renames keep it, deleting or replacing the file drops it.
 *
 * <p>ext4 gives all xattrs of a file about 4 KiB together. A blob larger than
 * {@link #INLINE_LIMIT}, or one the filesystem refuses, goes to the sidecar store instead,
 * and the file gets the marker {@code user.volumegate.sidecar=1} so a reader knows to look
 * there without probing the sidecar for every file (most files on a volume have no metadata
 * at all). The main xattr wins over the marker when both exist.
 */
final class XattrMetadataStore implements MetadataStore {
    private static final System.Logger LOG = System.getLogger(XattrMetadataStore.class.getName());

    /** Java adds the "user." prefix. */
    static final String MAIN = "volumegate";
    static final String MARKER = "volumegate.sidecar";

    /** Leaves ~600 bytes of a 4 KiB ext4 xattr block for headers and other xattrs (ACLs, SELinux). */
    static final int INLINE_LIMIT = 3500;

    private final SidecarMetadataStore overflow;
    private final int inlineLimit;

    XattrMetadataStore(SidecarMetadataStore overflow) {
        this(overflow, INLINE_LIMIT);
    }

    /** Tests raise {@code inlineLimit} to reach the filesystem's own refusal. */
    XattrMetadataStore(SidecarMetadataStore overflow, int inlineLimit) {
        this.overflow = overflow;
        this.inlineLimit = inlineLimit;
    }

    @Override
    public Optional<ObjectMetadata> read(Path target, String key, BasicFileAttributes current) throws IOException {
        UserDefinedFileAttributeView view = view(target);
        // One listxattr tells us which of the two to read, and costs no exception for the
        // common case of a file another program wrote.
        List<String> names = view.list();
        if (names.contains(MAIN)) {
            byte[] blob;
            try {
                blob = readAttribute(view, MAIN);
            } catch (NoSuchFileException | AccessDeniedException e) {
                throw e;
            } catch (FileSystemException e) {
                // The xattr changed between list and read (a concurrent rewrite removed or
                // grew it); answer as for a file without metadata rather than fail the request.
                return Optional.empty();
            }
            return FreshMetadata.parse(blob, current, LOG, key);
        }
        if (names.contains(MARKER)) return overflow.read(target, key, current);
        return Optional.empty();
    }

    @Override
    public void write(Path target, String key, ObjectMetadata metadata) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
        byte[] blob = metadata.withFingerprint(attrs).toBytes();
        UserDefinedFileAttributeView view = view(target);
        List<String> names = view.list();

        if (blob.length <= inlineLimit && tryWrite(view, MAIN, blob)) {
            // A sidecar left from an earlier overflow stays: a concurrent writer of the same
            // key may still be about to rename a file whose marker points to it. Its
            // fingerprint makes it harmless, and delete() removes it with the object.
            if (names.contains(MARKER)) view.delete(MARKER);
            return;
        }
        // Sidecar first, then the marker, then drop the old main xattr: at every step a
        // reader finds either the old metadata or the new one.
        overflow.writeBlob(key, blob);
        view.write(MARKER, ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));
        if (names.contains(MAIN)) view.delete(MAIN);
    }

    @Override
    public void carry(Path target, String fromName, String toName) throws IOException {
        if (view(target).list().contains(MARKER)) overflow.carry(target, fromName, toName);
    }

    @Override
    public void forget(String name) throws IOException {
        overflow.forget(name);
    }

    @Override
    public void delete(Path target, String key) throws IOException {
        try {
            UserDefinedFileAttributeView view = view(target);
            List<String> names = view.list();
            if (names.contains(MAIN)) view.delete(MAIN);
            if (names.contains(MARKER)) view.delete(MARKER);
        } catch (NoSuchFileException e) {
            // The object file is already gone, and its xattrs with it.
        }
        overflow.delete(target, key);
    }

    /**
     * False when the filesystem refuses the value (ENOSPC or E2BIG on ext4 when the xattr
     * block is full, ERANGE elsewhere). Matched by exception type, not strerror text, which
     * depends on the locale; a missing or forbidden file is a real error and propagates.
     */
    private static boolean tryWrite(UserDefinedFileAttributeView view, String name, byte[] value) throws IOException {
        try {
            view.write(name, ByteBuffer.wrap(value));
            return true;
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw e;
        } catch (FileSystemException e) {
            LOG.log(System.Logger.Level.DEBUG, "xattr of {0} bytes refused ({1}); using the sidecar",
                    value.length, e.getReason());
            return false;
        }
    }

    private static byte[] readAttribute(UserDefinedFileAttributeView view, String name) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
        view.read(name, buffer);
        buffer.flip();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static UserDefinedFileAttributeView view(Path target) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(target, UserDefinedFileAttributeView.class);
        if (view == null) throw new FileSystemException(target.toString(), null, "user xattrs not supported");
        return view;
    }
}
