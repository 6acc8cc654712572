package io.volumegate.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versioned half of a {@link Bucket}: reading a version, writing over a key while keeping
 * the replaced object in its history, deleting with a delete marker, and removing one version
 * for good. Every change runs under the key's commit lock and first heals what a crash left
 * half-made ({@link KeyHistory#heal}); the layout on disk is {@link KeyHistory}'s.
 */
final class KeyVersions {
    private final Bucket bucket;
    private final MetadataStore metadata;

    KeyVersions(Bucket bucket, MetadataStore metadata) {
        this.bucket = bucket;
        this.metadata = metadata;
    }

    /** NoSuchKey for a key with no object; when its latest version is a delete marker, naming it. */
    StorageException noSuchKey(String key) throws IOException {
        StorageException noSuchKey = StorageException.noSuchKey();
        latestDeleteMarker(key).ifPresent(marker -> describeMarker(noSuchKey, marker));
        return noSuchKey;
    }

    /** The delete marker that is the key's latest version, if it is one: there is no object file. */
    private Optional<HistoryEntry> latestDeleteMarker(String key) throws IOException {
        if (ObjectKeys.isDirectoryKey(key)) return Optional.empty();
        List<HistoryEntry> entries = bucket.historyOf(key).entries();
        return entries.isEmpty() || !entries.get(0).deleteMarker() ? Optional.empty() : Optional.of(entries.get(0));
    }

    private static StorageException describeMarker(StorageException e, HistoryEntry marker) {
        e.with(StorageException.DELETE_MARKER_VERSION_ID, marker.versionId());
        try {
            e.with(StorageException.LAST_MODIFIED, Files.getLastModifiedTime(marker.path()).toInstant());
        } catch (IOException gone) {
            // removed meanwhile: the id is what matters
        }
        return e;
    }

    /** {@link Bucket#stat(String, String)}. */
    StoredObject stat(String key, String versionId) throws IOException {
        VersionIds.requireWellFormed(versionId);
        Optional<StoredObject> current = bucket.find(key);
        if (current.isPresent() && current.get().versionIdOrNull().equals(versionId)) return current.get();
        if (ObjectKeys.isDirectoryKey(key)) throw noSuchVersion(versionId);
        KeyHistory history = bucket.historyOf(key);
        HistoryEntry entry = KeyHistory.find(history.entries(), versionId).orElseThrow(() -> noSuchVersion(versionId));
        if (entry.deleteMarker()) {
            throw describeMarker(new StorageException(StorageException.Reason.VERSION_IS_DELETE_MARKER,
                    "The specified method is not allowed against this resource."), entry);
        }
        BasicFileAttributes attributes = Bucket.attributesOrNull(entry.path());
        if (attributes == null) throw noSuchVersion(versionId); // removed meanwhile
        Optional<ObjectMetadata> stored = history.metadataOf(entry, attributes);
        return new StoredObject(key, entry.path(), attributes.size(), attributes.lastModifiedTime().toInstant(),
                ETags.forObject(entry.path(), attributes, stored), stored, false, versionId);
    }

    /** {@link Bucket#open(String, String)}: versions in the history never change. */
    OpenedObject open(String key, String versionId) throws IOException {
        for (int attempt = 1; ; attempt++) {
            StoredObject object = stat(key, versionId);
            if (object.path().equals(bucket.pathOf(key))) {
                OpenedObject opened = bucket.open(key);
                if (versionId.equals(opened.object().versionIdOrNull())) return opened;
                opened.close(); // replaced between the two looks
            } else {
                try {
                    FileChannel channel = object.open();
                    return new OpenedObject(object, channel, Files.readAttributes(object.path(), BasicFileAttributes.class));
                } catch (NoSuchFileException e) {
                    // promoted to the object or removed meanwhile: look again
                }
            }
            if (attempt == Bucket.OPEN_ATTEMPTS) throw StorageException.changedWhileRead();
        }
    }

    private static StorageException noSuchVersion(String versionId) {
        return new StorageException(StorageException.Reason.NO_SUCH_VERSION, "The specified version does not exist.")
                .with(StorageException.VALUE, versionId);
    }

    /**
     * The versioned half of commit, under the key's lock: the current object goes into the
     * history (unless it is the null version a suspended bucket replaces), the upload takes its
     * place, and a suspended bucket's previous null version leaves the history.
     */
    void replace(PendingUpload upload, ObjectMetadata stored, Path target, Versioning versioning)
            throws IOException {
        KeyHistory history = bucket.historyOf(upload.key());
        BasicFileAttributes current = Bucket.regularFileOrNull(target);
        List<HistoryEntry> entries = history.heal(current);
        if (current != null) {
            String currentId = currentVersionId(target, upload.key(), current);
            if (versioning == Versioning.ENABLED || !currentId.equals(VersionIds.NULL)) {
                entries = prepend(history.keep(target, idToKeep(currentId, entries), entries), entries);
            }
        }
        metadata.write(upload.tempFile(), upload.key(), stored);
        Files.move(upload.tempFile(), target, StandardCopyOption.ATOMIC_MOVE);
        if (versioning == Versioning.SUSPENDED) removeNullVersion(history, entries);
    }

    /**
     * The id a current version keeps in the history: its own, except that a second "null"
     * (a file another program wrote, while the history holds a null version already) gets a
     * fresh id rather than replace the older one.
     */
    private static String idToKeep(String currentId, List<HistoryEntry> entries) {
        boolean nullTaken = currentId.equals(VersionIds.NULL) && KeyHistory.find(entries, VersionIds.NULL).isPresent();
        return nullTaken ? VersionIds.generate() : currentId;
    }

    private static void removeNullVersion(KeyHistory history, List<HistoryEntry> entries) throws IOException {
        Optional<HistoryEntry> previousNull = KeyHistory.find(entries, VersionIds.NULL);
        if (previousNull.isPresent()) history.remove(previousNull.get());
    }

    private static List<HistoryEntry> prepend(HistoryEntry first, List<HistoryEntry> rest) {
        List<HistoryEntry> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The version id of the object file: as stored when we wrote it, else "null". */
    private String currentVersionId(Path file, String key, BasicFileAttributes attributes) throws IOException {
        return metadata.read(file, key, attributes).map(ObjectMetadata::versionId).orElse(VersionIds.NULL);
    }


    /** {@link Bucket#delete} in a versioned bucket: the object into the history, and a delete marker. */
    Deletion delete(String key, Versioning versioning) throws IOException {
        Path path = bucket.pathOf(key);
        try (CommitLock lock = bucket.lock(key)) {
            KeyFootprint before = bucket.footprintOf(key);
            try {
                return markDeleted(key, path, versioning);
            } finally {
                bucket.account(key, before, QuotaReservation.NONE);
            }
        } finally {
            if (Files.notExists(path)) bucket.removeEmptyDirectories(path.getParent());
        }
    }

    private Deletion markDeleted(String key, Path path, Versioning versioning) throws IOException {
        KeyHistory history = bucket.historyOf(key);
        BasicFileAttributes current = bucket.insideBucket(path) ? Bucket.regularFileOrNull(path) : null;
        List<HistoryEntry> entries = history.heal(current);
        if (current != null) {
            OtherWriters.refuseLocked(path);
            String currentId = currentVersionId(path, key, current);
            if (versioning == Versioning.ENABLED || !currentId.equals(VersionIds.NULL)) {
                entries = prepend(history.keep(path, idToKeep(currentId, entries), entries), entries);
            }
            bucket.removeObjectFile(path, key);
        }
        if (versioning == Versioning.SUSPENDED) removeNullVersion(history, entries);
        String markerId = versioning == Versioning.ENABLED ? VersionIds.generate() : VersionIds.NULL;
        history.addMarker(markerId, history.entries());
        return new Deletion(markerId, true);
    }

    /** {@link Bucket#deleteVersion} of a file key. */
    Deletion deleteVersion(String key, String versionId, boolean bypassGovernance) throws IOException {
        Path path = bucket.pathOf(key);
        try (CommitLock lock = bucket.lock(key)) {
            KeyFootprint before = bucket.footprintOf(key);
            try {
                return removeVersion(key, path, versionId, bypassGovernance);
            } finally {
                bucket.account(key, before, QuotaReservation.NONE);
            }
        } finally {
            if (Files.notExists(path)) bucket.removeEmptyDirectories(path.getParent());
            bucket.invalidate(path.getParent());
        }
    }

    private Deletion removeVersion(String key, Path path, String versionId, boolean bypassGovernance) throws IOException {
        KeyHistory history = bucket.historyOf(key);
        BasicFileAttributes current = bucket.insideBucket(path) ? Bucket.regularFileOrNull(path) : null;
        List<HistoryEntry> entries = history.heal(current);
        if (current != null && currentVersionId(path, key, current).equals(versionId)) {
            requireRemovable(metadata.read(path, key, current), bypassGovernance);
            OtherWriters.refuseLocked(path);
            if (!entries.isEmpty() && !entries.get(0).deleteMarker()) {
                history.promote(entries.get(0), path);
            } else {
                bucket.removeObjectFile(path, key);
            }
            return new Deletion(versionId, false);
        }
        Optional<HistoryEntry> entry = KeyHistory.find(entries, versionId);
        if (entry.isEmpty()) return new Deletion(versionId, false);
        if (!entry.get().deleteMarker()) {
            BasicFileAttributes attributes = Bucket.attributesOrNull(entry.get().path());
            if (attributes != null) requireRemovable(history.metadataOf(entry.get(), attributes), bypassGovernance);
        }
        boolean latestMarker = current == null && entry.get().deleteMarker() && entries.get(0).equals(entry.get());
        if (latestMarker && entries.size() > 1 && !entries.get(1).deleteMarker()) {
            bucket.prepareParent(path);
            history.restore(entries.get(1), path);
        }
        history.remove(entry.get());
        return new Deletion(versionId, entry.get().deleteMarker());
    }

    private static void requireRemovable(Optional<ObjectMetadata> stored, boolean bypassGovernance) {
        stored.ifPresent(m -> Retention.requireRemovable(m, Instant.now(), bypassGovernance));
    }
}
