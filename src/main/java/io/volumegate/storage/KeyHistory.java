package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The past versions and delete markers of one key: the folder
 * {@code .volumegate/versions/<key path>/} of its bucket, whose files are {@link HistoryEntry
 * entries} (subfolders hold the history of keys below this one). The current version is never
 * here: it is the plain file at the key's path, which other programs read and write.
 *
 * <p>A version goes into the history by a hard link to the object file, made before the file
 * is replaced or removed, so no byte is copied and a crash at any point leaves the old state
 * or the new one: a link whose file is still the object is a half-made entry, which
 * {@link #heal} removes (with any marker newer than it) under the key's commit lock and
 * listings ignore. On a filesystem without hard links the file is renamed instead.
 *
 * <p>All writes happen under the key's {@link CommitLock}; reads need none.
 */
final class KeyHistory {
    private final String key;
    private final Path folder;
    private final Path versionsRoot;
    private final MetadataStore metadata;

    KeyHistory(String key, Path versionsRoot, List<String> segments, MetadataStore metadata) {
        this.key = key;
        Path path = versionsRoot;
        for (String segment : segments) path = path.resolve(segment);
        this.folder = path;
        this.versionsRoot = versionsRoot;
        this.metadata = metadata;
    }

    /** The entries, newest first; empty when the key has no history. */
    List<HistoryEntry> entries() throws IOException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) continue;
                HistoryEntry.parse(file).ifPresent(entries::add);
            }
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return List.of();
            throw e;
        }
        entries.sort(Comparator.comparingLong(HistoryEntry::sequence).reversed());
        return entries;
    }

    static Optional<HistoryEntry> find(List<HistoryEntry> entries, String versionId) {
        return entries.stream().filter(e -> e.versionId().equals(versionId)).findFirst();
    }

    /**
     * The entries as readers must see them while {@code current} is the object file: without
     * a half-made entry (the newest version, when it is the object file itself) and the
     * markers newer than it.
     */
    static List<HistoryEntry> visible(List<HistoryEntry> entries, BasicFileAttributes current) throws IOException {
        int halfMade = halfMadeIndex(entries, current);
        return halfMade < 0 ? entries : entries.subList(halfMade + 1, entries.size());
    }

    /** Removes what a crash left half-made (see {@link #visible}); the caller holds the key's lock. */
    List<HistoryEntry> heal(BasicFileAttributes current) throws IOException {
        List<HistoryEntry> entries = entries();
        int halfMade = halfMadeIndex(entries, current);
        for (int i = 0; i <= halfMade; i++) remove(entries.get(i));
        return halfMade < 0 ? entries : entries.subList(halfMade + 1, entries.size());
    }

    private static int halfMadeIndex(List<HistoryEntry> entries, BasicFileAttributes current) throws IOException {
        if (current == null || current.fileKey() == null) return -1;
        for (int i = 0; i < entries.size(); i++) {
            HistoryEntry entry = entries.get(i);
            if (entry.deleteMarker()) continue;
            BasicFileAttributes attributes = attributesOrNull(entry.path());
            return attributes != null && Objects.equals(attributes.fileKey(), current.fileKey()) ? i : -1;
        }
        return -1;
    }

    /**
     * Puts the object file {@code objectFile} into the history as version {@code versionId},
     * newer than every entry: a hard link (the caller then replaces or removes the object
     * file), or where the filesystem has none, the file itself moved.
     */
    HistoryEntry keep(Path objectFile, String versionId, List<HistoryEntry> entries) throws IOException {
        Path entryPath = folder.resolve(HistoryEntry.fileName(nextSequence(entries), versionId, false));
        metadata.carry(objectFile, key, metadataName(versionId)); // before the link: a crash leaves only a spare copy
        inFolder(() -> {
            try {
                Files.createLink(entryPath, objectFile);
            } catch (UnsupportedOperationException e) {
                Files.move(objectFile, entryPath, StandardCopyOption.ATOMIC_MOVE); // no hard links here
            }
        });
        return HistoryEntry.parse(entryPath).orElseThrow();
    }

    /** Adds a delete marker with {@code versionId}, newer than every entry. */
    HistoryEntry addMarker(String versionId, List<HistoryEntry> entries) throws IOException {
        Path marker = folder.resolve(HistoryEntry.fileName(nextSequence(entries), versionId, true));
        inFolder(() -> Files.createFile(marker));
        return HistoryEntry.parse(marker).orElseThrow();
    }

    /** Makes the version {@code entry} the object file again, in one rename that replaces what is there. */
    void promote(HistoryEntry entry, Path objectFile) throws IOException {
        metadata.carry(entry.path(), metadataName(entry.versionId()), key);
        Files.move(entry.path(), objectFile, StandardCopyOption.ATOMIC_MOVE);
        metadata.forget(metadataName(entry.versionId()));
        pruneEmptyFolders();
    }

    /**
     * Makes the version {@code entry} the object file again while there is none: a link first,
     * so a crash before the entry is gone leaves a half-made entry that {@link #heal} removes.
     */
    void restore(HistoryEntry entry, Path objectFile) throws IOException {
        metadata.carry(entry.path(), metadataName(entry.versionId()), key);
        try {
            Files.createLink(objectFile, entry.path());
        } catch (UnsupportedOperationException e) {
            Files.move(entry.path(), objectFile, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        remove(entry);
    }

    /** Removes an entry for good. Only its own name goes: the object file may share its inode and xattrs. */
    void remove(HistoryEntry entry) throws IOException {
        Files.deleteIfExists(entry.path());
        if (!entry.deleteMarker()) metadata.forget(metadataName(entry.versionId()));
        pruneEmptyFolders();
    }

    /** The metadata of a version in the history, fresh for its file, if it has any. */
    Optional<ObjectMetadata> metadataOf(HistoryEntry entry, BasicFileAttributes attributes) throws IOException {
        return metadata.read(entry.path(), metadataName(entry.versionId()), attributes);
    }

    /** Replaces the metadata of the version in the history at {@code file}. */
    void writeMetadata(Path file, String versionId, ObjectMetadata changed) throws IOException {
        metadata.write(file, metadataName(versionId), changed);
    }

    /**
     * The name a version's metadata has in a sidecar store: the key's own name is the current
     * object's. NUL cannot be in a key, so no key's name is ever the same.
     */
    private String metadataName(String versionId) {
        return key + '\0' + versionId;
    }

    private interface FolderStep {
        void run() throws IOException;
    }

    /**
     * Runs {@code step} in the key's folder, made first. Another key's {@link #remove} may prune
     * an empty parent folder between the two: make it again.
     *
     * <p>No fsync of the folder here: the write that follows (the rename onto the key) syncs its
     * own directory, and journaling filesystems (ext4, XFS) commit metadata in order, so the link
     * is durable no later than the rename that made it necessary. A second directory sync per
     * versioned write cost as much as the rest of a 64 MiB overwrite on a busy disk.
     */
    private void inFolder(FolderStep step) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(folder);
                step.run();
                return;
            } catch (FileAlreadyExistsException e) {
                if (Files.isDirectory(folder)) throw e;
                // A version file of a shorter key has the name of one of our folders: only a key
                // made to collide with an existing version id can do that.
                throw new StorageException(StorageException.Reason.CONFLICT,
                        "The key's history cannot be kept beside a version of the same name.");
            } catch (NoSuchFileException e) {
                if (attempt == 3) throw e;
            }
        }
    }

    /**
     * Microseconds since the epoch, or one more than the newest entry when the clock is behind
     * it (another node's clock, or a step back): entries are ordered by commit, not by clock.
     */
    private static long nextSequence(List<HistoryEntry> entries) {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        return entries.isEmpty() ? now : Math.max(now, entries.get(0).sequence() + 1);
    }

    /** Removes the key's folder and empty folders above it, up to the versions root. */
    private void pruneEmptyFolders() throws IOException {
        for (Path current = folder; current != null && !current.equals(versionsRoot) && current.startsWith(versionsRoot);
             current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            }
        }
    }

    private static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return null;
            throw e;
        }
    }
}
