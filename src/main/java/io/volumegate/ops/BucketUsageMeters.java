package io.volumegate.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.QuotaService;
import io.volumegate.storage.BucketEntry;
import io.volumegate.storage.BucketQuota;
import io.volumegate.storage.Usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each bucket's accounted usage and quota as gauges, one series per bucket, read at each
 * scrape (a small file per bucket, never a walk), so buckets made or removed by any node show
 * at the next scrape:
 *
 * <pre>
 * volumegate_bucket_usage_bytes{bucket}     content bytes, every kept version included
 * volumegate_bucket_objects{bucket}         objects (versions)
 * volumegate_bucket_quota_bytes{bucket}     the byte quota, for buckets that have one
 * volumegate_bucket_quota_objects{bucket}   the object quota, for buckets that have one
 * </pre>
 *
 * A bucket never counted yet has no usage series until its first walk (started by this read) ends.
 */
final class BucketUsageMeters {
    private static final System.Logger LOG = System.getLogger(BucketUsageMeters.class.getName());

    private final BucketService buckets;
    private final QuotaService quotas;
    private final MultiGauge usageBytes;
    private final MultiGauge objects;
    private final MultiGauge quotaBytes;
    private final MultiGauge quotaObjects;

    BucketUsageMeters(MeterRegistry registry, BucketService buckets, QuotaService quotas) {
        this.buckets = buckets;
        this.quotas = quotas;
        usageBytes = MultiGauge.builder("volumegate.bucket.usage").baseUnit("bytes")
                .description("Content bytes a bucket holds, as accounted (every kept version included)").register(registry);
        objects = MultiGauge.builder("volumegate.bucket.objects")
                .description("Objects a bucket holds, as accounted (every kept version included)").register(registry);
        quotaBytes = MultiGauge.builder("volumegate.bucket.quota").baseUnit("bytes")
                .description("A bucket's quota of content bytes").register(registry);
        quotaObjects = MultiGauge.builder("volumegate.bucket.quota.objects")
                .description("A bucket's quota of objects").register(registry);
    }

    /** Reads every bucket's usage and quota now; a bucket that fails to read is left out of this scrape. */
    void refresh() {
        List<MultiGauge.Row<?>> bytesRows = new ArrayList<>();
        List<MultiGauge.Row<?>> objectRows = new ArrayList<>();
        List<MultiGauge.Row<?>> quotaByteRows = new ArrayList<>();
        List<MultiGauge.Row<?>> quotaObjectRows = new ArrayList<>();
        try {
            for (BucketEntry bucket : buckets.list()) {
                Tags tags = Tags.of("bucket", bucket.name());
                try {
                    Optional<Usage> usage = quotas.usage(bucket.name());
                    BucketQuota quota = quotas.quota(bucket.name());
                    usage.ifPresent(u -> {
                        bytesRows.add(MultiGauge.Row.of(tags, u.bytes()));
                        objectRows.add(MultiGauge.Row.of(tags, u.objects()));
                    });
                    if (quota.maxBytes() != null) quotaByteRows.add(MultiGauge.Row.of(tags, quota.maxBytes()));
                    if (quota.maxObjects() != null) quotaObjectRows.add(MultiGauge.Row.of(tags, quota.maxObjects()));
                } catch (Exception e) {
                    // removed meanwhile, or unreadable: not this scrape
                }
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "bucket usage not read for the metrics", e);
            return;
        }
        usageBytes.register(bytesRows, true);
        objects.register(objectRows, true);
        quotaBytes.register(quotaByteRows, true);
        quotaObjects.register(quotaObjectRows, true);
    }
}
