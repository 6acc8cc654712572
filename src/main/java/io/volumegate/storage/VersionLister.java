package io.volumegate.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the versions of a bucket's keys one page at a time, statelessly: a page starts from
 * the query's markers, so any node can serve the next one. Per key: the object (if there is
 * one) and then its history, newest first. Half-made history entries a crash left are not
 * shown (see {@link KeyHistory#visible}). Blocking: call it off container I/O threads.
 *
 * <p>Memory is that of one page plus the names of the folders the walk is inside, whatever
 * the number of keys or versions in the bucket.
 */
final class VersionLister {
    private final Bucket bucket;
    private final Path versionsRoot;
    private final MetadataStore metadata;
    private final DirectorySnapshots snapshots;

    VersionLister(Bucket bucket, Path versionsRoot, MetadataStore metadata, DirectorySnapshots snapshots) {
        this.bucket = bucket;
        this.versionsRoot = versionsRoot;
        this.metadata = metadata;
        this.snapshots = snapshots;
    }

    VersionPage list(Path bucketRoot, VersionQuery query, java.util.function.Predicate<Path> isDirectoryObject) throws IOException {
        List<ListedVersion> versions = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        if (query.maxKeys() == 0) return new VersionPage(versions, prefixes, false, null, null);
        VersionWalk walk = new VersionWalk(bucketRoot, versionsRoot, query, snapshots, isDirectoryObject);
        String lastKey = null;
        String lastVersionId = null;
        for (VersionWalk.Step step = walk.next(); step != null; step = walk.next()) {
            List<ListedVersion> found = step.key() != null ? versionsOf(step.key(), query) : null;
            if (found != null && found.isEmpty()) continue;
            int results = versions.size() + prefixes.size();
            int room = query.maxKeys() - results;
            if (room == 0) return new VersionPage(versions, prefixes, true, lastKey, lastVersionId);
            if (found == null) {
                prefixes.add(step.commonPrefix());
                lastKey = step.commonPrefix();
                lastVersionId = null;
                continue;
            }
            List<ListedVersion> taken = found.size() > room ? found.subList(0, room) : found;
            versions.addAll(taken);
            lastKey = taken.get(taken.size() - 1).key();
            lastVersionId = taken.get(taken.size() - 1).versionId();
            if (taken.size() < found.size()) return new VersionPage(versions, prefixes, true, lastKey, lastVersionId);
        }
        return new VersionPage(versions, prefixes, false, null, null);
    }

    private static String ownerOf(Optional<ObjectMetadata> stored, BasicFileAttributes attributes) {
        return stored.filter(m -> m.isFreshFor(attributes)).map(ObjectMetadata::owner).orElse(null);
    }

    /** The key's versions, newest first, after the version-id marker when the key is the marker key. */
    private List<ListedVersion> versionsOf(VersionWalk.KeyItem item, VersionQuery query) throws IOException {
        List<ListedVersion> all = new ArrayList<>();
        BasicFileAttributes current = null;
        if (item.objectFile() != null) {
            current = Bucket.attributesOrNull(item.objectFile());
            if (current != null && (item.directoryObject() ? current.isDirectory() : current.isRegularFile())) {
                Optional<ObjectMetadata> stored = metadata.read(item.objectFile(), item.key(), current);
                String id = stored.map(ObjectMetadata::versionId).orElse(VersionIds.NULL);
                all.add(new ListedVersion(item.key(), id, true, false, item.directoryObject() ? 0 : current.size(),
                        current.lastModifiedTime().toInstant(), ETags.forObject(item.objectFile(), current, stored), ownerOf(stored, current)));
            } else {
                current = null;
            }
        }
        if (item.historyFolder() != null) {
            KeyHistory history = bucket.historyOf(item.key());
            List<HistoryEntry> entries = KeyHistory.visible(history.entries(), current);
            for (int i = 0; i < entries.size(); i++) {
                HistoryEntry entry = entries.get(i);
                BasicFileAttributes attributes = Bucket.attributesOrNull(entry.path());
                if (attributes == null) continue; // removed meanwhile
                boolean latest = current == null && i == 0 && entry.deleteMarker();
                if (entry.deleteMarker()) {
                    all.add(new ListedVersion(item.key(), entry.versionId(), latest, true, 0, attributes.lastModifiedTime().toInstant(), null, null));
                } else {
                    Optional<ObjectMetadata> stored = history.metadataOf(entry, attributes);
                    all.add(new ListedVersion(item.key(), entry.versionId(), false, false, attributes.size(),
                            attributes.lastModifiedTime().toInstant(), ETags.forObject(entry.path(), attributes, stored), ownerOf(stored, attributes)));
                }
            }
        }
        if (!item.key().equals(query.keyMarker()) || query.versionIdMarker().isEmpty()) return all;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).versionId().equals(query.versionIdMarker())) return all.subList(i + 1, all.size());
        }
        return List.of(); // the marker version is gone: the key was listed up to it
    }
}
