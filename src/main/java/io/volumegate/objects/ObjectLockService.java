package io.volumegate.objects;

import io.volumegate.storage.Bucket;
import io.volumegate.storage.BucketSettings;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.Retention;
import io.volumegate.storage.RetentionMode;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.Versioning;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Instant;

/**
 * Object lock, for both APIs: a bucket's lock and default retention, and each version's
 * retention and legal hold. What a lock keeps from being removed is held by the storage layer
 * ({@link Retention}) on every delete, whoever asks. Blocking: call from the I/O executor.
 */
@ApplicationScoped
public class ObjectLockService {
    @Inject
    Volume volume;

    /**
     * Turns object lock on (it cannot be turned off) with a default retention, or none. The
     * bucket's versioning must be enabled: a lock keeps versions, which need versioning.
     */
    public BucketSettings configure(String bucketName, BucketSettings.DefaultRetention defaultRetention) throws IOException {
        return volume.bucket(bucketName).updateSettings(settings -> {
            if (settings.versioning() != Versioning.ENABLED) {
                throw new StorageException(Reason.INVALID_BUCKET_STATE,
                        "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
            }
            return settings.withObjectLock(true).withDefaultRetention(defaultRetention);
        });
    }

    /** The stored metadata of the version (retention, legal hold); NO_OBJECT_LOCK when the bucket has no lock. */
    public ObjectMetadata lockOf(ObjectRef ref) throws IOException {
        Bucket bucket = lockedBucket(ref.bucket());
        return (ref.versionId() == null ? bucket.stat(ref.key()) : bucket.stat(ref.key(), ref.versionId())).metadata()
                .orElseGet(() -> ObjectMetadata.builder().build());
    }

    /** Sets the version's retention, held to {@link Retention#requireChangeAllowed}. */
    public ObjectMetadata retain(ObjectRef ref, RetentionMode mode, Instant until, boolean bypassGovernance) throws IOException {
        return lockedBucket(ref.bucket()).updateMetadata(ref.key(), ref.versionId(), metadata -> {
            Retention.requireChangeAllowed(metadata, mode, until, Instant.now(), bypassGovernance);
            return metadata.toBuilder().retention(mode, until).build();
        });
    }

    /** Puts the version under a legal hold, or lifts it. */
    public ObjectMetadata hold(ObjectRef ref, boolean on) throws IOException {
        return lockedBucket(ref.bucket()).updateMetadata(ref.key(), ref.versionId(), metadata -> metadata.toBuilder().legalHold(on).build());
    }

    private Bucket lockedBucket(String name) throws IOException {
        Bucket bucket = volume.bucket(name);
        if (!bucket.settings().objectLock()) {
            throw new StorageException(Reason.NO_OBJECT_LOCK, "Bucket is missing Object Lock Configuration");
        }
        return bucket;
    }
}
