package io.volumegate.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One bucket: a directory whose files are its objects. Maps keys to paths (never outside
 * the bucket, never into the reserved folder), and carries out reads, atomic writes,
 * deletes and listings against it. All methods block on the filesystem: call them from
 * the I/O executor.
 */
public final class Bucket {
    private static final int COMMIT_ATTEMPTS = 3;
    private static final int OPEN_ATTEMPTS = 5;

    private final String name;
    private final Path root;
    private final Path realRoot;
    private final Path reserved;
    private final MetadataStore metadata;
    private final DirectorySnapshots snapshots;
    private final ObjectLister lister;

    Bucket(String name, Path root, MetadataStore metadata, DirectorySnapshots snapshots) throws IOException {
        this.name = name;
        this.root = root;
        this.realRoot = root.toRealPath();
        this.reserved = realRoot.resolve(ObjectKeys.RESERVED);
        this.metadata = metadata;
        this.snapshots = snapshots;
        this.lister = new ObjectLister(snapshots);
    }

    public String name() { return name; }

    public Path root() { return root; }

    /**
     * A folder of the bucket's reserved area, {@code .volumegate/<name>} (not created here):
     * on the bucket's own filesystem, so files there can be renamed onto keys atomically.
     */
    public Path reservedFolder(String name) { return reserved.resolve(name); }

    // ---- reads -------------------------------------------------------------------------

    /** The object at {@code key}, or NoSuchKey. */
    public StoredObject stat(String key) throws IOException {
        return find(key).orElseThrow(StorageException::noSuchKey);
    }

    public Optional<StoredObject> find(String key) throws IOException {
        Path path = pathOf(key);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return Optional.empty();
            throw e;
        }
        boolean directoryKey = ObjectKeys.isDirectoryKey(key);
        if (directoryKey ? !attributes.isDirectory() : !attributes.isRegularFile()) return Optional.empty();
        if (!insideBucket(path)) return Optional.empty();
        Optional<ObjectMetadata> stored = metadata.read(path, key);
        if (directoryKey && stored.isEmpty()) return Optional.empty(); // a plain folder is not an object
        return Optional.of(new StoredObject(key, path, directoryKey ? 0 : attributes.size(),
                attributes.lastModifiedTime().toInstant(), ETags.forObject(path, attributes, stored), stored, directoryKey));
    }

    /**
     * The object at {@code key} with its content open, or NoSuchKey. A PUT renames a new
     * version onto the key at any moment, so stat-then-open by path could send the new
     * bytes under the old version's ETag and Content-Length (wrong data, or a file that
     * "shrank" mid-response). The path must therefore name the same file (inode, size,
     * mtime) before the stat and after the open; otherwise look again.
     */
    public OpenedObject open(String key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path path = pathOf(key);
            BasicFileAttributes before = attributesOrNull(path);
            StoredObject object = stat(key);
            if (object.directoryObject()) return new OpenedObject(object, null, null);
            FileChannel channel;
            try {
                channel = object.open();
            } catch (NoSuchFileException e) {
                channel = null; // deleted or replaced right now: look again
            }
            BasicFileAttributes after = channel == null ? null : attributesOrNull(path);
            if (channel != null && before != null && OpenedObject.sameFile(before, after)
                    && after.size() == object.size() && after.lastModifiedTime().toInstant().equals(object.lastModified())) {
                return new OpenedObject(object, channel, after);
            }
            if (channel != null) channel.close();
            if (attempt == OPEN_ATTEMPTS) throw StorageException.changedWhileRead();
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return null;
            throw e;
        }
    }

    public ListPage list(ListQuery query) throws IOException {
        return lister.list(realRoot, query, this::isDirectoryObject);
    }

    /** The ETag of a listed object: from stored metadata, never by hashing the file. */
    public String etagOf(ListedObject object) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(object.path(), BasicFileAttributes.class);
        return ETags.forObject(object.path(), attributes, metadata.read(object.path(), object.key()));
    }

    private boolean isDirectoryObject(Path directory) {
        try {
            return metadata.read(directory, keyOf(directory) + "/").isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isEmpty() throws IOException {
        try (var entries = Files.list(root)) {
            return entries.allMatch(entry -> entry.getFileName().toString().equals(ObjectKeys.RESERVED));
        }
    }

    // ---- writes ------------------------------------------------------------------------

    /** Opens a temp file that the body streams into; nothing is visible until commit. */
    public PendingUpload beginUpload(String key) throws IOException {
        ObjectKeys.segments(key); // refuse a bad key before any byte is read
        Path tempDirectory = reserved.resolve("tmp");
        Files.createDirectories(tempDirectory);
        Path temp = tempDirectory.resolve(UUID.randomUUID().toString());
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new PendingUpload(key, temp, channel);
    }

    /**
     * Makes an upload the object at its key: fsync the data, store its metadata, then, under
     * the key's commit lock, check the write condition and rename it into place atomically.
     * Readers see the old object or the new one, never a mix. On any failure the temp file
     * is removed and the old object is untouched.
     */
    public StoredObject commit(PendingUpload upload, ObjectMetadata stored, WriteCondition condition) throws IOException {
        String key = upload.key();
        try {
            upload.seal();
            if (ObjectKeys.isDirectoryKey(key)) {
                return commitDirectoryObject(upload, stored, condition);
            }
            Path target = pathOf(key);
            metadata.write(upload.tempFile(), key, stored);
            for (int attempt = 1; ; attempt++) {
                Path parent = prepareParent(target);
                try (CommitLock lock = CommitLock.acquire(reserved.resolve("locks"), key)) {
                    check(condition, key);
                    refuseDirectoryAt(target);
                    Files.move(upload.tempFile(), target, StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException e) {
                    // A concurrent delete removed the now-empty parent; make it again.
                    if (attempt < COMMIT_ATTEMPTS) continue;
                    throw e;
                }
                AtomicFiles.forceDirectory(parent);
                snapshots.invalidate(parent);
                return stat(key);
            }
        } finally {
            upload.abort(); // no-op once renamed
        }
    }

    private StoredObject commitDirectoryObject(PendingUpload upload, ObjectMetadata stored, WriteCondition condition) throws IOException {
        if (Files.size(upload.tempFile()) > 0) {
            throw new StorageException(StorageException.Reason.DIRECTORY_OBJECT_WITH_DATA,
                    "A key ending in '/' is a folder on the volume and cannot hold data.");
        }
        Path directory = pathOf(upload.key());
        try (CommitLock lock = CommitLock.acquire(reserved.resolve("locks"), upload.key())) {
            check(condition, upload.key());
            prepareParent(directory);
            try {
                Files.createDirectory(directory);
                snapshots.invalidate(directory.getParent());
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(directory)) throw parentIsFile(
                        "An object with the folder's name (without '/') exists.");
            }
            metadata.write(directory, upload.key(), stored);
        }
        return stat(upload.key());
    }

    /** Deletes an object; deleting what is not there succeeds, as in S3. */
    public void delete(String key) throws IOException {
        Path path = pathOf(key);
        if (!insideBucket(path)) return;
        try (CommitLock lock = CommitLock.acquire(reserved.resolve("locks"), key)) {
            if (ObjectKeys.isDirectoryKey(key)) {
                if (!Files.isDirectory(path)) return;
                metadata.delete(path, key);
            } else {
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(path)) return;
                metadata.delete(path, key);
                Files.deleteIfExists(path);
            }
        }
        removeEmptyDirectories(ObjectKeys.isDirectoryKey(key) ? path : path.getParent());
    }

    /** Climbs from {@code directory} to the bucket root, removing folders a delete left empty. */
    private void removeEmptyDirectories(Path directory) throws IOException {
        Path current = directory;
        while (current != null && current.startsWith(root) && !current.equals(root)) {
            if (isDirectoryObject(current)) break;
            try {
                Files.delete(current);
                snapshots.invalidate(current.getParent());
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                break;
            }
            current = current.getParent();
        }
        if (current != null) snapshots.invalidate(current);
    }

    /**
     * Holds a write condition to the object now at {@code key}: under the commit lock in
     * {@link #commit}, and by callers that want to refuse a doomed write before its body.
     */
    public void check(WriteCondition condition, String key) throws IOException {
        if (!condition.isNone()) condition.check(find(key));
    }

    private Path prepareParent(Path target) throws IOException {
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
        } catch (FileSystemException e) {
            if (!(e instanceof FileAlreadyExistsException) && !AbsentFiles.runsThroughFile(e)) throw e;
            throw parentIsFile("A parent of the key is an object, so the key cannot be a file below it.");
        }
        if (!insideBucket(parent)) {
            throw new StorageException(StorageException.Reason.OUTSIDE_BUCKET, "The key leads outside the bucket.");
        }
        return parent;
    }

    private static void refuseDirectoryAt(Path target) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new StorageException(StorageException.Reason.KEY_IS_DIRECTORY, "The key names a directory that holds other objects.");
        }
    }

    private static StorageException parentIsFile(String message) {
        return new StorageException(StorageException.Reason.PARENT_IS_FILE, message);
    }

    /**
     * Removes temp files of uploads that died with their process. Only old ones: another
     * node sharing the volume may be streaming into a young one right now.
     */
    public void sweepAbandonedUploads(java.time.Duration olderThan) {
        Path tempDirectory = reserved.resolve("tmp");
        java.time.Instant cutoff = java.time.Instant.now().minus(olderThan);
        try (var temps = Files.list(tempDirectory)) {
            for (Path temp : (Iterable<Path>) temps::iterator) {
                try {
                    if (Files.getLastModifiedTime(temp).toInstant().isBefore(cutoff)) Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // gone already, or not ours to delete: skip
                }
            }
        } catch (IOException e) {
            // no temp folder yet
        }
    }

    // ---- key ↔ path --------------------------------------------------------------------

    /** The path a key names, after validating the key; not yet checked for symlinks. */
    Path pathOf(String key) {
        List<String> segments = ObjectKeys.segments(key);
        Path path = root;
        for (String segment : segments) path = path.resolve(segment);
        return path;
    }

    private String keyOf(Path directory) {
        return realRoot.relativize(directory).toString();
    }

    /** True when the path, with symlinks resolved, stays in the bucket and out of the reserved folder. */
    private boolean insideBucket(Path path) throws IOException {
        Path real;
        try {
            real = path.toRealPath();
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return false;
            throw e;
        }
        return real.startsWith(realRoot) && !real.startsWith(reserved);
    }
}
