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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One bucket: a directory whose files are its objects. Maps keys to paths (never outside
 * the bucket, never into the reserved folder), and carries out reads, atomic writes,
 * deletes and listings against it. All methods block on the filesystem: call them from
 * the I/O executor.
 */
public final class Bucket {
    private static final int COMMIT_ATTEMPTS = 3;
    static final int OPEN_ATTEMPTS = 5;
    /** The commit lock of the settings file: NUL is in no key, so no key's lock is the same. */
    private static final String SETTINGS_LOCK = "\0settings";

    private final String name;
    private final Path root;
    private final Path realRoot;
    private final Path reserved;
    private final MetadataStore metadata;
    private final Path versionsRoot;
    private final DirectorySnapshots snapshots;
    private final ObjectLister lister;
    private final SpaceReserve space;
    private final KeyVersions versions;
    private final BucketUsage usage;
    private volatile CachedSettings cachedSettings;

    Bucket(String name, Path root, MetadataStore metadata, DirectorySnapshots snapshots) throws IOException {
        this(name, root, metadata, snapshots, () -> 0);
    }

    /** @param reserveBytes the space writes leave free on the bucket's filesystem (read at each check) */
    Bucket(String name, Path root, MetadataStore metadata, DirectorySnapshots snapshots, java.util.function.LongSupplier reserveBytes)
            throws IOException {
        this(name, root, metadata, snapshots, reserveBytes, Runnable::run, () -> DEFAULT_USAGE_WALK_INTERVAL, Clock.systemUTC());
    }

    /** How long an accounted usage is trusted before a walk counts the bucket again (see {@link BucketUsage}). */
    static final Duration DEFAULT_USAGE_WALK_INTERVAL = Duration.ofHours(1);

    /**
     * @param background      runs usage walks that need not be waited for
     * @param usageWalkInterval how old an accounted usage may be before a walk counts the bucket again (read at each use)
     */
    Bucket(String name, Path root, MetadataStore metadata, DirectorySnapshots snapshots, java.util.function.LongSupplier reserveBytes,
           Executor background, Supplier<Duration> usageWalkInterval, Clock clock) throws IOException {
        this.name = name;
        this.root = root;
        this.realRoot = root.toRealPath();
        this.reserved = realRoot.resolve(ObjectKeys.RESERVED);
        this.versionsRoot = reserved.resolve("versions");
        this.metadata = metadata;
        this.snapshots = snapshots;
        this.lister = new ObjectLister(snapshots);
        this.space = new SpaceReserve(root, reserveBytes);
        this.versions = new KeyVersions(this, metadata);
        this.usage = new BucketUsage(reserved, new UsageWalk(realRoot, reserved, versionsRoot), background, usageWalkInterval, clock);
    }

    public String name() { return name; }

    public Path root() { return root; }

    /**
     * A folder of the bucket's reserved area, {@code .volumegate/<name>} (not created here):
     * on the bucket's own filesystem, so files there can be renamed onto keys atomically.
     */
    public Path reservedFolder(String name) { return reserved.resolve(name); }

    // ---- settings ----------------------------------------------------------------------

    /**
     * The bucket's settings as the volume has them now (every node reads the same file). Every
     * request of the bucket asks (access control needs its owner and policy), so the parsed
     * settings are kept with the file's stamp: an unchanged file costs one stat, no read.
     */
    public BucketSettings settings() throws IOException {
        Path file = settingsFile();
        FileStamp stamp;
        try {
            stamp = FileStamp.of(file);
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return BucketSettings.DEFAULT;
            throw e;
        }
        CachedSettings cached = cachedSettings;
        if (cached != null && cached.stamp().equals(stamp)) return cached.settings();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return BucketSettings.DEFAULT;
            throw e;
        }
        BucketSettings settings = BucketSettings.parse(bytes);
        // A save between the stat and the read shows as a new stamp next time, so at worst
        // the newer settings are parsed once more; never are old settings kept for a new file.
        cachedSettings = new CachedSettings(stamp, settings);
        return settings;
    }

    private record CachedSettings(FileStamp stamp, BucketSettings settings) {}

    /**
     * Changes the settings under the bucket's settings lock, so that two nodes changing
     * different settings at once both take effect, and writes them durably.
     */
    public BucketSettings updateSettings(UnaryOperator<BucketSettings> change) throws IOException {
        try (CommitLock lock = CommitLock.acquire(reserved.resolve("locks"), SETTINGS_LOCK)) {
            BucketSettings changed = change.apply(settings());
            AtomicFiles.write(reserved.resolve("tmp"), settingsFile(), changed.toBytes());
            return changed;
        }
    }

    private Path settingsFile() {
        return reserved.resolve("bucket.properties");
    }

    // ---- reads -------------------------------------------------------------------------

    /**
     * The object at {@code key}, or NoSuchKey; when the key's latest version is a delete
     * marker, the NoSuchKey names it ({@link StorageException#DELETE_MARKER_VERSION_ID}).
     */
    public StoredObject stat(String key) throws IOException {
        Optional<StoredObject> found = find(key);
        if (found.isPresent()) return found.get();
        throw versions.noSuchKey(key);
    }

    /**
     * The version {@code versionId} of {@code key}: the object when it is that version, else
     * one from the key's history. NO_SUCH_VERSION when there is none of that id, and
     * VERSION_IS_DELETE_MARKER when it is a delete marker, which has no content.
     */
    public StoredObject stat(String key, String versionId) throws IOException {
        return versions.stat(key, versionId);
    }

    /** {@link #stat(String, String)} with the content open. Versions in the history never change. */
    public OpenedObject open(String key, String versionId) throws IOException {
        return versions.open(key, versionId);
    }

    KeyHistory historyOf(String key) {
        return new KeyHistory(key, versionsRoot, ObjectKeys.segments(key), metadata);
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
                attributes.lastModifiedTime().toInstant(), ETags.forObject(path, attributes, stored), stored, directoryKey,
                stored.map(ObjectMetadata::versionId).orElse(null)));
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

    /** A regular file's attributes, or null for none there (or a directory, a device...). */
    static BasicFileAttributes regularFileOrNull(Path path) throws IOException {
        BasicFileAttributes attributes = attributesOrNull(path);
        return attributes != null && attributes.isRegularFile() ? attributes : null;
    }

    static BasicFileAttributes attributesOrNull(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (FileSystemException e) {
            if (AbsentFiles.isAbsent(e)) return null;
            throw e;
        }
    }

    public ListPage list(ListQuery query) throws IOException {
        ListPage page = lister.list(realRoot, query, this::isDirectoryObject);
        Listings.objects(page.objects().size() + page.commonPrefixes().size());
        return page;
    }

    /** A page of the versions of the bucket's keys, in S3 order (see {@link VersionLister}). */
    public VersionPage listVersions(VersionQuery query) throws IOException {
        VersionPage page = new VersionLister(this, versionsRoot, metadata, snapshots).list(realRoot, query, this::isDirectoryObject);
        Listings.versions(page.versions().size() + page.commonPrefixes().size());
        return page;
    }

    /** What a listing shows of an object beyond its name and size, from one read of its stored metadata. */
    public record ListedDetails(String etag, String owner) {}

    /** The ETag (never by hashing the file) and the recorded owner (null: none) of a listed object. */
    public ListedDetails describe(ListedObject object) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(object.path(), BasicFileAttributes.class);
        Optional<ObjectMetadata> stored = metadata.read(object.path(), object.key());
        String owner = stored.filter(m -> m.isFreshFor(attributes)).map(ObjectMetadata::owner).orElse(null);
        return new ListedDetails(ETags.forObject(object.path(), attributes, stored), owner);
    }

    private boolean isDirectoryObject(Path directory) {
        try {
            return metadata.read(directory, keyOf(directory) + "/").isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the bucket holds no object, and no version or delete marker either. */
    public boolean isEmpty() throws IOException {
        try (var entries = Files.list(root)) {
            if (!entries.allMatch(entry -> entry.getFileName().toString().equals(ObjectKeys.RESERVED))) return false;
        }
        try (var versions = Files.list(versionsRoot)) {
            return versions.findAny().isEmpty();
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    // ---- usage and quota ---------------------------------------------------------------

    /**
     * What the bucket holds as accounted (no walk): empty while it was never counted, which
     * starts a walk in the background, as a stale count does.
     */
    public Optional<Usage> usage() throws IOException {
        return usage.known();
    }

    /** {@link #usage()}, counting the bucket first if it never was. */
    public Usage countedUsage() throws IOException {
        return usage.counted();
    }

    /** The usage record as it is on the volume, reservations included: for tests of this package. */
    UsageRecord usageRecordForTests() throws IOException {
        return usage.read();
    }

    /** Walks the bucket now and makes what it finds the accounted usage (files other programs wrote or removed). */
    public Usage reconcileUsage() throws IOException {
        return usage.reconcile();
    }

    /**
     * Refuses (QUOTA_EXCEEDED) a write of {@code bytes} ({@code -1}: not known yet) that the
     * bucket's quota has no room for now, reserving nothing: a multipart part, which only its
     * Complete makes part of the bucket, and a Complete before it assembles. Call before the body.
     */
    public void requireQuota(String key, long bytes) throws IOException {
        BucketQuota quota = settings().quota();
        if (quota.isNone() || ObjectKeys.isDirectoryKey(key)) return;
        usage.check(quota, growthOfWrite(key, bytes), bytes >= 0);
    }

    /** Checks the bucket's quota for a write of {@code bytes} ({@code -1}: unknown) onto {@code key}, and reserves its share. */
    private QuotaReservation plannedGrowth(String key, long bytes, BucketQuota quota) throws IOException {
        if (quota.isNone() || ObjectKeys.isDirectoryKey(key)) return QuotaReservation.NONE;
        return usage.reserve(quota, growthOfWrite(key, bytes), bytes >= 0);
    }

    /** What writing {@code bytes} over {@code key} would add, as the key is now (not under its lock: an early estimate). */
    private Usage growthOfWrite(String key, long bytes) throws IOException {
        return footprintOf(key).growthOfWrite(Math.max(bytes, 0), settings().versioning());
    }

    /** What {@code key} holds now; measure under its commit lock for a delta. */
    KeyFootprint footprintOf(String key) throws IOException {
        if (ObjectKeys.isDirectoryKey(key)) return KeyFootprint.NONE;
        Path path = pathOf(key);
        return KeyFootprint.measure(insideBucket(path) ? path : null, historyOf(key));
    }

    /** Applies to the usage what happened to {@code key} since {@code before} was measured; call under its commit lock. */
    void account(String key, KeyFootprint before, QuotaReservation reservation) {
        if (ObjectKeys.isDirectoryKey(key)) {
            usage.settle(reservation, Usage.ZERO);
            return;
        }
        try {
            usage.settle(reservation, footprintOf(key).total().minus(before.total()));
        } catch (IOException | RuntimeException e) {
            usage.settle(reservation, Usage.ZERO);
            usage.reconcileLater(); // what changed is not known: count again
        }
    }

    // ---- writes ------------------------------------------------------------------------

    /**
     * Refuses (NO_SPACE) a write of {@code bytes} that would eat into the space writes leave
     * free on the bucket's filesystem; {@code -1} (size not known yet) only once the reserve
     * is reached. Call before reading the body.
     */
    public void requireSpace(long bytes) throws IOException {
        space.require(bytes);
    }

    /** Opens a temp file that the body streams into; nothing is visible until commit. */
    public PendingUpload beginUpload(String key) throws IOException {
        return beginUpload(key, -1);
    }

    /**
     * {@link #beginUpload(String)} of {@code size} bytes ({@code -1}: not known before the body
     * ends): QUOTA_EXCEEDED, before any byte is read, when the bucket's quota has no room for it
     * beside what is stored and what other writes in flight reserved; else it reserves its share
     * until it commits or aborts.
     */
    public PendingUpload beginUpload(String key, long size) throws IOException {
        ObjectKeys.segments(key); // refuse a bad key before any byte is read
        QuotaReservation reservation = plannedGrowth(key, size, settings().quota());
        try {
            Path tempDirectory = reserved.resolve("tmp");
            Files.createDirectories(tempDirectory);
            Path temp = tempDirectory.resolve(TempOwner.tempName(UUID.randomUUID().toString()));
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new PendingUpload(key, temp, channel, reservation);
        } catch (IOException | RuntimeException e) {
            reservation.release();
            throw e;
        }
    }

    /**
     * Makes an upload the object at its key: fsync the data, store its metadata, then, under
     * the key's commit lock, check the write condition and rename it into place atomically.
     * Readers see the old object or the new one, never a mix. On any failure the temp file
     * is removed and the old object is untouched.
     */
    public StoredObject commit(PendingUpload upload, ObjectMetadata stored, WriteCondition condition) throws IOException {
        return commit(upload, stored, condition, null);
    }

    /**
     * {@link #commit(PendingUpload, ObjectMetadata, WriteCondition)} as version {@code plannedVersionId}
     * (from {@link #planVersionId}) when the bucket is still versioned: a slow write can name its
     * version to the client before it is done.
     */
    public StoredObject commit(PendingUpload upload, ObjectMetadata stored, WriteCondition condition, String plannedVersionId)
            throws IOException {
        String key = upload.key();
        try {
            upload.seal();
            if (ObjectKeys.isDirectoryKey(key)) {
                return commitDirectoryObject(upload, stored.toBuilder().versionId(null).build(), condition);
            }
            Path target = pathOf(key);
            BucketSettings settings = settings();
            Versioning versioning = settings.versioning();
            if (!settings.objectLock() && (stored.lockMode() != null || stored.legalHold())) throw noObjectLock();
            stored = withDefaultRetention(stored, settings);
            String versionId = versioning == Versioning.ENABLED && plannedVersionId != null ? plannedVersionId : newVersionId(versioning);
            ObjectMetadata versioned = stored.toBuilder().versionId(versionId).build();
            // Versioned, the metadata is written under the lock, once the current object's is kept:
            // a sidecar store names both by the key.
            if (versioning == Versioning.UNVERSIONED) metadata.write(upload.tempFile(), key, versioned);
            for (int attempt = 1; ; attempt++) {
                Path parent = prepareParent(target);
                StoredObject committed;
                try (CommitLock lock = CommitLock.acquire(reserved.resolve("locks"), key)) {
                    check(condition, key);
                    refuseDirectoryAt(target);
                    OtherWriters.refuseLocked(target);
                    KeyFootprint before = footprintOf(key);
                    // Held to the quota with its real size, beside everything else used and reserved:
                    // however many writes passed their early checks together, none takes the bucket over.
                    QuotaReservation admitted = usage.admit(settings.quota(),
                            before.growthOfWrite(Files.size(upload.tempFile()), versioning), upload.reservation());
                    try {
                        if (versioning == Versioning.UNVERSIONED) {
                            Files.move(upload.tempFile(), target, StandardCopyOption.ATOMIC_MOVE);
                        } else {
                            versions.replace(upload, versioned, target, versioning);
                        }
                    } finally {
                        account(key, before, admitted);
                    }
                    // Described before the lock goes: a moment later another node's write may
                    // be the object, and the client must hear of its own version and ETag.
                    committed = stat(key);
                } catch (NoSuchFileException e) {
                    // A concurrent delete removed the now-empty parent; make it again.
                    if (attempt < COMMIT_ATTEMPTS) continue;
                    throw e;
                }
                AtomicFiles.forceDirectory(parent);
                snapshots.invalidate(parent);
                return committed;
            }
        } finally {
            upload.abort(); // no-op once renamed
        }
    }

    static StorageException noObjectLock() {
        return new StorageException(StorageException.Reason.NO_OBJECT_LOCK, "Bucket is missing Object Lock Configuration");
    }

    /** A new version of a bucket with a default retention gets it, unless its write named one. */
    private static ObjectMetadata withDefaultRetention(ObjectMetadata stored, BucketSettings settings) {
        BucketSettings.DefaultRetention retention = settings.defaultRetention();
        if (!settings.objectLock() || retention == null || stored.lockMode() != null) return stored;
        java.time.ZonedDateTime now = Instant.now().atZone(java.time.ZoneOffset.UTC);
        Instant until = (retention.years() > 0 ? now.plusYears(retention.years()) : now.plusDays(retention.days())).toInstant();
        return stored.toBuilder().retention(retention.mode(), until).build();
    }

    /** The id a write committed now would get, if the bucket is versioned; null if it would get none of its own. */
    public String planVersionId() throws IOException {
        return settings().versioning() == Versioning.ENABLED ? VersionIds.generate() : null;
    }

    /** The id a write makes: a new one while versioning is on, "null" while suspended, none before. */
    private static String newVersionId(Versioning versioning) {
        return switch (versioning) {
            case ENABLED -> VersionIds.generate();
            case SUSPENDED -> VersionIds.NULL;
            case UNVERSIONED -> null;
        };
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
            return stat(upload.key());
        }
    }

    /**
     * Deletes an object; deleting what is not there succeeds, as in S3. In a versioned bucket
     * the object goes into the key's history and a delete marker becomes the latest version
     * (a suspended bucket's marker is the null version, and replaces the previous one).
     */
    public Deletion delete(String key) throws IOException {
        Versioning versioning = ObjectKeys.isDirectoryKey(key) ? Versioning.UNVERSIONED : settings().versioning();
        if (versioning != Versioning.UNVERSIONED) return versions.delete(key, versioning);
        deleteUnversioned(key);
        return Deletion.UNVERSIONED;
    }

    /**
     * Removes the version {@code versionId} of {@code key} for good: the object itself (the
     * newest version in the history, unless that is a delete marker, becomes the object), a
     * version or a delete marker of the history (removing the latest marker brings the newest
     * version back). Removing a version that is not there succeeds, as in S3. A retained or
     * held version is not removed (OBJECT_LOCKED); see {@link Retention}.
     */
    public Deletion deleteVersion(String key, String versionId, boolean bypassGovernance) throws IOException {
        VersionIds.requireWellFormed(versionId);
        if (ObjectKeys.isDirectoryKey(key)) { // folder objects are not versioned: the null version is the folder
            if (versionId.equals(VersionIds.NULL)) deleteUnversioned(key);
            return new Deletion(versionId, false);
        }
        return versions.deleteVersion(key, versionId, bypassGovernance);
    }

    /**
     * Changes the stored metadata of one version (its retention, legal hold) under the key's
     * lock, leaving its content alone; {@code change} sees the metadata as it is (empty
     * metadata for a file another program wrote) and may refuse by throwing.
     */
    public ObjectMetadata updateMetadata(String key, String versionId, UnaryOperator<ObjectMetadata> change) throws IOException {
        try (CommitLock lock = CommitLock.acquire(reserved.resolve("locks"), key)) {
            StoredObject version = versionId == null ? stat(key) : stat(key, versionId);
            ObjectMetadata changed = change.apply(version.metadata().orElseGet(() -> ObjectMetadata.builder().build()));
            if (version.path().equals(pathOf(key))) {
                metadata.write(version.path(), key, changed);
            } else {
                historyOf(key).writeMetadata(version.path(), version.versionIdOrNull(), changed);
            }
            return changed;
        }
    }

    /** The key's commit lock, across threads and nodes; held for a stat and a rename, never for a body. */
    CommitLock lock(String key) throws IOException {
        return CommitLock.acquire(reserved.resolve("locks"), key);
    }

    /** Forgets the listing snapshot of a folder whose entries changed. */
    void invalidate(Path directory) {
        snapshots.invalidate(directory);
    }

    /** Unlinks the object file; a version in the history may share its inode, so its xattrs stay. */
    void removeObjectFile(Path path, String key) throws IOException {
        Files.deleteIfExists(path);
        metadata.forget(key);
        snapshots.invalidate(path.getParent());
    }

    private void deleteUnversioned(String key) throws IOException {
        Path path = pathOf(key);
        if (!insideBucket(path)) return;
        try (CommitLock lock = CommitLock.acquire(reserved.resolve("locks"), key)) {
            if (ObjectKeys.isDirectoryKey(key)) {
                if (!Files.isDirectory(path)) return;
                metadata.delete(path, key);
            } else {
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(path)) return;
                if (Files.isRegularFile(path)) OtherWriters.refuseLocked(path);
                KeyFootprint before = footprintOf(key);
                try {
                    metadata.delete(path, key);
                    Files.deleteIfExists(path);
                } finally {
                    account(key, before, QuotaReservation.NONE);
                }
            }
        }
        removeEmptyDirectories(ObjectKeys.isDirectoryKey(key) ? path : path.getParent());
    }

    /** Climbs from {@code directory} to the bucket root, removing folders a delete left empty. */
    void removeEmptyDirectories(Path directory) throws IOException {
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

    Path prepareParent(Path target) throws IOException {
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
     * Removes what writes that died with their process left behind (see {@link AbandonedFiles}):
     * a dead process's temp files at once, others' only when {@code olderThan}, since another
     * node sharing the volume may be streaming into a young one right now.
     *
     * @return how many files were removed
     */
    public int sweepAbandonedUploads(java.time.Duration olderThan) {
        return AbandonedFiles.sweep(reserved, olderThan);
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
    boolean insideBucket(Path path) throws IOException {
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
