package io.volumegate.storage.multipart;

import io.volumegate.storage.AtomicFiles;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.CommitLock;
import io.volumegate.storage.ObjectKeys;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.TempOwner;
import io.volumegate.storage.WriteCondition;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bucket's multipart uploads in flight, all on the volume so that any node can take any
 * step of any upload:
 * <pre>
 *   &lt;bucket&gt;/.volumegate/uploads/&lt;uploadId&gt;/
 *       manifest                 key, initiated, checksum algorithm and type, object metadata
 *       part-00001               the part's bytes
 *       part-00001.record        size, MD5, checksums, fingerprint of part-00001
 *       completed                after Complete: the answer it gave (parts and manifest gone)
 *   &lt;bucket&gt;/.volumegate/uploads/&lt;uploadId&gt;.new        a folder being created
 *   &lt;bucket&gt;/.volumegate/uploads/&lt;uploadId&gt;.*.deleting  a folder being removed
 * </pre>
 * Every change is a rename: an upload folder appears with its manifest, a part replaces the
 * previous one of its number, the object appears whole through the bucket's commit, and an
 * aborted upload vanishes in one step before its files are deleted. Methods block: call
 * them from the I/O executor.
 */
public final class MultipartStaging {
    private static final Logger LOG = Logger.getLogger(MultipartStaging.class.getName());

    static final String UPLOADS = "uploads";
    static final String MANIFEST = "manifest";
    static final String COMPLETED = "completed";
    static final String CREATING_SUFFIX = ".new";
    static final String DELETING_SUFFIX = ".deleting";
    private static final String RECORD_SUFFIX = ".record";
    private static final Pattern RECORD_NAME = Pattern.compile("part-(\\d{5})\\.record");

    private final Bucket bucket;
    private final Path uploads;
    private final Path locks;
    private final Clock clock;
    private final CompletionHooks hooks;

    public MultipartStaging(Bucket bucket) {
        this(bucket, Clock.systemUTC(), CompletionHooks.NONE);
    }

    MultipartStaging(Bucket bucket, Clock clock, CompletionHooks hooks) {
        this.bucket = bucket;
        this.uploads = bucket.reservedFolder(UPLOADS);
        this.locks = bucket.reservedFolder("locks");
        this.clock = clock;
        this.hooks = hooks;
    }

    // ---- uploads -------------------------------------------------------------------------

    /**
     * Starts an upload: its folder is built as {@code <id>.new} and renamed into place with
     * its manifest, so no node ever sees an upload without one.
     */
    public UploadManifest create(String key, ObjectMetadata metadata, String checksumAlgorithm, String checksumType,
                                 boolean checksumRequested) throws IOException {
        ObjectKeys.segments(key); // refuse a key the volume cannot hold now, not at Complete
        Instant now = clock.instant();
        UploadManifest manifest = new UploadManifest(UploadId.generate(now), key, now, checksumAlgorithm, checksumType,
                checksumRequested, metadata);
        Files.createDirectories(uploads);
        Path building = uploads.resolve(manifest.id() + CREATING_SUFFIX);
        Files.createDirectory(building);
        try {
            AtomicFiles.write(building, building.resolve(MANIFEST), manifest.toBytes()); // also forces the folder
            Files.move(building, folderOf(manifest.id()), StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.forceDirectory(uploads);
        } finally {
            if (Files.exists(building)) FileTrees.delete(building);
        }
        return manifest;
    }

    /** The upload a request names, or NoSuchUpload: unknown, aborted, completed, or of another key. */
    public UploadManifest open(String uploadId, String key) throws IOException {
        return UploadId.parse(uploadId)
                .flatMap(this::activeManifest)
                .filter(manifest -> manifest.key().equals(key))
                .orElseThrow(StorageException::noSuchUpload);
    }

    /** Every upload in progress, in no particular order; unreadable folders are skipped. */
    public List<UploadManifest> uploads() throws IOException {
        List<UploadManifest> active = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(uploads)) {
            for (Path entry : entries) {
                UploadId.parse(entry.getFileName().toString()).flatMap(this::activeManifest).ifPresent(active::add);
            }
        } catch (NoSuchFileException e) {
            // no upload was ever started in this bucket
        }
        return active;
    }

    /** Removes an upload and all its parts; NoSuchUpload when it is not in progress. */
    public void abort(String uploadId, String key) throws IOException {
        UploadManifest upload = open(uploadId, key);
        Path doomed = uploads.resolve(upload.id() + "." + UUID.randomUUID() + DELETING_SUFFIX);
        try {
            // One rename makes the upload gone for every node; then its files are deleted.
            Files.move(folderOf(upload.id()), doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            throw StorageException.noSuchUpload(); // aborted by someone else meanwhile
        }
        FileTrees.delete(doomed);
    }

    // ---- parts ---------------------------------------------------------------------------

    /** A temp file in the upload's folder for part {@code number}'s body to stream into. */
    public PendingPart beginPart(UploadManifest upload, int number) throws IOException {
        Path temp = folderOf(upload.id()).resolve(TempOwner.tempName(partName(number) + "." + UUID.randomUUID()));
        try {
            return new PendingPart(upload, number, temp,
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
        } catch (NoSuchFileException e) {
            throw StorageException.noSuchUpload();
        }
    }

    /**
     * Makes a received part the upload's part of its number, replacing an earlier one: the
     * data is forced, renamed onto {@code part-NNNNN}, and described by a new record. The
     * part's lock keeps two uploads of the same number from pairing one's data with the
     * other's record; readers check the record's fingerprint against the data regardless.
     */
    public PartRecord commitPart(PendingPart part, String md5Hex, Map<String, String> checksums) throws IOException {
        UploadManifest upload = part.upload();
        Path folder = folderOf(upload.id());
        try {
            part.seal();
            try (CommitLock lock = CommitLock.acquire(locks, "upload/" + upload.id() + "/" + part.number())) {
                if (Files.exists(folder.resolve(COMPLETED))) throw StorageException.noSuchUpload();
                Path data = folder.resolve(partName(part.number()));
                Files.move(part.tempFile(), data, StandardCopyOption.ATOMIC_MOVE);
                BasicFileAttributes attributes = Files.readAttributes(data, BasicFileAttributes.class);
                PartRecord record = new PartRecord(part.number(), attributes.size(), md5Hex.toLowerCase(Locale.ROOT), checksums,
                        attributes.lastModifiedTime().toInstant(), FileFingerprint.of(attributes));
                AtomicFiles.write(folder, recordPath(folder, part.number()), record.toBytes()); // also forces the folder
                return record;
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw StorageException.noSuchUpload(); // aborted while the body streamed
        } finally {
            part.abort(); // a no-op once renamed
        }
    }

    /** The upload's parts whose record still describes their data, by ascending number. */
    public List<PartRecord> parts(UploadManifest upload) throws IOException {
        Path folder = folderOf(upload.id());
        List<PartRecord> parts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Matcher name = RECORD_NAME.matcher(entry.getFileName().toString());
                if (name.matches()) part(folder, Integer.parseInt(name.group(1))).ifPresent(parts::add);
            }
        } catch (NoSuchFileException e) {
            throw StorageException.noSuchUpload();
        }
        parts.sort(Comparator.comparingInt(PartRecord::number));
        return parts;
    }

    // ---- complete ------------------------------------------------------------------------

    /**
     * The staged parts a CompleteMultipartUpload names, after every check S3 makes before it
     * assembles anything: order, existence and ETags, checksums, sizes. Cheap (one small
     * file per part), so its errors reach the client with their own status.
     */
    public List<PartRecord> resolve(UploadManifest upload, List<RequestedPart> requested) throws IOException {
        PartRules.checkRequested(requested);
        Path folder = folderOf(upload.id());
        Map<Integer, PartRecord> staged = new HashMap<>();
        for (RequestedPart part : requested) part(folder, part.number()).ifPresent(record -> staged.put(part.number(), record));
        List<PartRecord> chosen = PartRules.match(upload, requested, staged);
        PartRules.checkSizes(chosen);
        return chosen;
    }

    /** The answer of a finished Complete of this upload and key, if it finished. */
    public Optional<CompletionRecord> completion(String uploadId, String key) throws IOException {
        Optional<UploadId> id = UploadId.parse(uploadId);
        if (id.isEmpty()) return Optional.empty();
        return readRecord(folderOf(id.get()).resolve(COMPLETED), CompletionRecord::fromBytes)
                .filter(record -> record.key().equals(key));
    }

    /**
     * Assembles the parts into one temp file with in-kernel copies, then makes it the object
     * through the bucket's commit (fsync, metadata, commit lock, atomic rename): readers see
     * the old object or the new one, never a mix, and a crash at any point leaves one of them.
     * Then records the answer and removes the parts.
     *
     * @param parts  as {@link #resolve} returned them
     * @param answer what a retry of this Complete must be told, with the version id it plans to make
     * @return {@code answer} with the version the object was committed as, or the recorded answer when a concurrent Complete of the same
     *         upload finished first
     */
    public CompletionRecord complete(UploadManifest upload, List<PartRecord> parts, ObjectMetadata metadata,
                                     WriteCondition condition, CompletionRecord answer) throws IOException {
        Path folder = folderOf(upload.id());
        PendingUpload object = bucket.beginUpload(upload.key(), answer.size());
        try {
            for (PartRecord part : parts) append(object, folder, part);
        } catch (NoSuchFileException e) {
            object.abort();
            // The parts went away: another Complete finished (answer as it did), or an Abort.
            return completion(upload.id().value(), upload.key()).orElseThrow(StorageException::noSuchUpload);
        } catch (IOException | RuntimeException e) {
            object.abort();
            throw e;
        }
        hooks.assembled();
        CompletionRecord done = answer.withVersionId(bucket.commit(object, metadata, condition, answer.versionId()).versionId());
        hooks.committed();
        try {
            AtomicFiles.write(folder, folder.resolve(COMPLETED), done.toBytes());
            removeAllBut(folder, COMPLETED);
        } catch (IOException e) {
            // The object is in place, which is what the client asked for; the sweep removes
            // what is left of the staging folder.
            LOG.log(Level.WARNING, "upload " + upload.id() + " completed, but its staging folder could not be cleared", e);
        }
        return done;
    }

    private static void append(PendingUpload object, Path folder, PartRecord part) throws IOException {
        Path data = folder.resolve(partName(part.number()));
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            if (!FileFingerprint.of(Files.readAttributes(data, BasicFileAttributes.class)).equals(part.fingerprint())) {
                throw new StorageException(StorageException.Reason.INVALID_PART,
                        "Part " + part.number() + " was replaced while the upload completed.");
            }
            object.transferFrom(channel, 0, part.size());
        }
    }

    // ---- sweeping ------------------------------------------------------------------------

    /**
     * Removes uploads initiated before {@code now - maxAge} (S3 lifecycle's
     * AbortIncompleteMultipartUpload), completion records older than {@code completedAge},
     * and the remains of creations and deletions that a crash interrupted.
     *
     * @return how many upload folders were removed
     */
    public int sweep(Instant now, java.time.Duration maxAge, java.time.Duration completedAge) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(uploads)) {
            for (Path entry : entries) {
                try {
                    if (isStale(entry, now, maxAge, completedAge)) {
                        FileTrees.delete(entry);
                        removed++;
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "could not sweep " + entry, e); // next round
                }
            }
        } catch (IOException e) {
            // no uploads folder: nothing to sweep
        }
        return removed;
    }

    private boolean isStale(Path entry, Instant now, java.time.Duration maxAge, java.time.Duration completedAge) throws IOException {
        String name = entry.getFileName().toString();
        if (name.endsWith(DELETING_SUFFIX)) return true; // renamed away: garbage by construction
        Instant modified = Files.getLastModifiedTime(entry).toInstant();
        if (name.endsWith(CREATING_SUFFIX)) return modified.isBefore(now.minus(java.time.Duration.ofHours(1)));
        Optional<UploadId> id = UploadId.parse(name);
        if (id.isEmpty()) return false; // not ours
        Optional<CompletionRecord> completed = readRecord(entry.resolve(COMPLETED), CompletionRecord::fromBytes);
        if (completed.isPresent()) return completed.get().completed().isBefore(now.minus(completedAge));
        Instant initiated = readRecord(entry.resolve(MANIFEST), UploadManifest::fromBytes).map(UploadManifest::initiated)
                .orElse(modified);
        return initiated.isBefore(now.minus(maxAge));
    }

    // ---- files ---------------------------------------------------------------------------

    Path folderOf(UploadId id) { return uploads.resolve(id.value()); }

    private Optional<UploadManifest> activeManifest(UploadId id) {
        Path folder = folderOf(id);
        if (Files.exists(folder.resolve(COMPLETED))) return Optional.empty();
        try {
            return readRecord(folder.resolve(MANIFEST), UploadManifest::fromBytes);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Part {@code number}, when its record exists and still describes its data file. */
    private Optional<PartRecord> part(Path folder, int number) throws IOException {
        Optional<PartRecord> record = readRecord(recordPath(folder, number), PartRecord::fromBytes);
        if (record.isEmpty()) return record;
        try {
            BasicFileAttributes data = Files.readAttributes(folder.resolve(partName(number)), BasicFileAttributes.class);
            return FileFingerprint.of(data).equals(record.get().fingerprint()) ? record : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static <T> Optional<T> readRecord(Path file, java.util.function.Function<byte[], T> parser) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException | NotDirectoryException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(bytes));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "ignoring unreadable {0}: {1}", new Object[] {file, e.getMessage()});
            return Optional.empty();
        }
    }

    private static void removeAllBut(Path folder, String kept) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(kept)) Files.deleteIfExists(entry);
            }
        }
    }

    static String partName(int number) { return String.format(Locale.ROOT, "part-%05d", number); }

    private static Path recordPath(Path folder, int number) { return folder.resolve(partName(number) + RECORD_SUFFIX); }
}
