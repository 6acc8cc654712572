package io.volumegate.objects;

import io.volumegate.storage.BucketEntry;
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
        volume.createBucket(name);
    }

    /** BUCKET_NOT_EMPTY while it holds any object. */
    public void delete(String name) throws IOException {
        volume.deleteBucket(name);
    }
}
