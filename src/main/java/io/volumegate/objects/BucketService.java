package io.volumegate.objects;

import io.volumegate.storage.BucketEntry;
import io.volumegate.storage.BucketSettings;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.Versioning;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;

/** Buckets, for both APIs: list, look up, create, delete. Blocking: call from the I/O executor. */
@ApplicationScoped
public class BucketService {
    @Inject
    Volume volume;

    /** Every bucket, by name; the caller filters by what its principal may see. */
    public List<BucketEntry> list() throws IOException {
        return volume.listBuckets();
    }

    /** The bucket; NO_SUCH_BUCKET when there is none of that name. */
    public BucketEntry get(String name) throws IOException {
        return volume.describe(name);
    }

    /** INVALID_BUCKET_NAME, BUCKET_EXISTS, or BUCKET_NAME_TAKEN (a file) when it cannot be made. */
    public void create(String name) throws IOException {
        create(name, false);
    }

    /** {@link #create(String)}; with {@code objectLock}, versioned and with object lock from the start. */
    public void create(String name, boolean objectLock) throws IOException {
        volume.createBucket(name);
        if (objectLock) volume.bucket(name).updateSettings(s -> s.withVersioning(Versioning.ENABLED).withObjectLock(true));
    }

    /** The bucket's settings: versioning, object lock. */
    public BucketSettings settings(String name) throws IOException {
        return volume.bucket(name).settings();
    }

    /**
     * Turns versioning on ({@link Versioning#ENABLED}) or pauses it ({@link Versioning#SUSPENDED});
     * a bucket never goes back to unversioned, and one with object lock cannot be suspended.
     */
    public BucketSettings setVersioning(String name, Versioning versioning) throws IOException {
        if (versioning == Versioning.UNVERSIONED) throw new IllegalArgumentException("versioning can only be enabled or suspended");
        return volume.bucket(name).updateSettings(settings -> {
            if (settings.objectLock() && versioning == Versioning.SUSPENDED) {
                throw new StorageException(StorageException.Reason.INVALID_BUCKET_STATE,
                        "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
            }
            return settings.withVersioning(versioning);
        });
    }

    /** BUCKET_NOT_EMPTY while it holds any object, version or delete marker. */
    public void delete(String name) throws IOException {
        volume.deleteBucket(name);
    }
}
