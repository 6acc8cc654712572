package io.volumegate.objects;

import io.volumegate.storage.BucketQuota;
import io.volumegate.storage.Usage;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.Optional;

/**
 * A bucket's quota and accounted usage, for both APIs and the metrics. Enforcement is not
 * here: every write is held to the quota by the storage layer itself, so no path around it
 * exists. Blocking: call from the I/O executor.
 */
@ApplicationScoped
public class QuotaService {
    @Inject
    Volume volume;

    /** The bucket's quota; {@link BucketQuota#NONE} when it has none. */
    public BucketQuota quota(String bucket) throws IOException {
        return volume.bucket(bucket).settings().quota();
    }

    /** Sets (or with {@link BucketQuota#NONE} removes) the quota; the bucket is counted first if it never was, so it applies at once. */
    public BucketQuota setQuota(String bucket, BucketQuota quota) throws IOException {
        BucketQuota set = volume.bucket(bucket).updateSettings(s -> s.withQuota(quota)).quota();
        volume.bucket(bucket).countedUsage();
        return set;
    }

    /** The usage as accounted, never walking the bucket here; empty while it was never counted (a walk is then under way). */
    public Optional<Usage> usage(String bucket) throws IOException {
        return volume.bucket(bucket).usage();
    }

    /** Walks the bucket now, so files other programs wrote or removed count at once. */
    public Usage reconcile(String bucket) throws IOException {
        return volume.bucket(bucket).reconcileUsage();
    }
}
