package io.volumegate.storage;

import io.volumegate.config.Config;
import io.volumegate.storage.StorageException.Reason;
import org.apache.commons.io.file.PathUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The volume: a root folder whose top-level directories are buckets, plus buckets bound
 * to other folders by configuration. Holds no state a neighbour node would need; the
 * caches here are only caches of what is on disk.
 */
@ApplicationScoped
public class Volume {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Volume.class.getName());
    /** Temp files of writes that died with their process, when not known to be dead (see TempOwner), are removed after this long. */
    public static final java.time.Duration ABANDONED_UPLOAD_AGE = java.time.Duration.ofHours(24);

    @Inject
    Config config;
    @Inject
    IoExecutor io;

    private final DirectorySnapshots snapshots = new DirectorySnapshots();
    private final Map<Path, Bucket> buckets = new ConcurrentHashMap<>();
    private MetadataStores metadataStores;

    @PostConstruct
    void open() {
        metadataStores = new MetadataStores();
    }

    public Path root() { return config.volume(); }

    public List<BucketEntry> listBuckets() throws IOException {
        List<BucketEntry> entries = new ArrayList<>();
        Map<String, Path> bindings = config.bucketBindings();
        Files.createDirectories(root());
        try (Stream<Path> children = Files.list(root())) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (BucketNames.isValid(name) && !bindings.containsKey(name) && Files.isDirectory(child)) {
                    entries.add(new BucketEntry(name, created(child)));
                }
            }
        }
        for (Map.Entry<String, Path> binding : bindings.entrySet()) {
            if (Files.isDirectory(binding.getValue())) entries.add(new BucketEntry(binding.getKey(), created(binding.getValue())));
        }
        entries.sort(Comparator.comparing(BucketEntry::name));
        return entries;
    }

    public Bucket bucket(String name) throws IOException {
        Path directory = directoryOf(name);
        if (!Files.isDirectory(directory)) throw noSuchBucket();
        Bucket bucket = buckets.get(directory);
        if (bucket == null) {
            bucket = new Bucket(name, directory, metadataStores.forBucket(directory), snapshots, config::writeReserveBytes,
                    io, config::usageWalkInterval, java.time.Clock.systemUTC());
            // Start-up cleanup, per bucket at its first use: what a crashed process left behind.
            int removed = bucket.sweepAbandonedUploads(ABANDONED_UPLOAD_AGE);
            if (removed > 0) LOG.info(() -> "bucket " + name + ": removed " + removed + " files abandoned by writes that died with their process");
            buckets.put(directory, bucket);
        }
        return bucket;
    }

    /** An existing bucket as ListBuckets shows it; NO_SUCH_BUCKET otherwise. */
    public BucketEntry describe(String name) throws IOException {
        return new BucketEntry(name, created(bucket(name).root()));
    }

    public void createBucket(String name) throws IOException {
        BucketNames.requireValid(name);
        Path directory = directoryOf(name);
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            throw Files.isDirectory(directory)
                    ? new StorageException(Reason.BUCKET_EXISTS, "The bucket exists already.")
                    : new StorageException(Reason.BUCKET_NAME_TAKEN, "A file of that name is in the volume root.");
        }
        snapshots.invalidate(directory.getParent());
    }

    public void deleteBucket(String name) throws IOException {
        Bucket bucket = bucket(name);
        if (!bucket.isEmpty()) throw notEmpty();
        Path reserved = bucket.root().resolve(ObjectKeys.RESERVED);
        if (Files.exists(reserved)) PathUtils.deleteDirectory(reserved);
        try {
            Files.delete(bucket.root());
        } catch (DirectoryNotEmptyException e) {
            throw notEmpty(); // an object arrived meanwhile
        }
        buckets.remove(bucket.root());
        snapshots.invalidate(bucket.root().getParent());
    }

    private Path directoryOf(String name) {
        Path bound = config.bucketBindings().get(name);
        if (bound != null) return bound;
        if (!BucketNames.isValid(name)) throw noSuchBucket();
        return root().resolve(name);
    }

    private static StorageException noSuchBucket() {
        return new StorageException(Reason.NO_SUCH_BUCKET, "The specified bucket does not exist.");
    }

    private static StorageException notEmpty() {
        return new StorageException(Reason.BUCKET_NOT_EMPTY, "The bucket you tried to delete is not empty.");
    }

    private static Instant created(Path directory) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class);
        return attributes.creationTime().toInstant();
    }
}
