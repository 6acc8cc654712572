package io.volumegate.objects;

import io.volumegate.storage.BucketSettings;
import io.volumegate.storage.CorsRule;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;

/**
 * A bucket's CORS rules, for both APIs: kept in its settings on the volume, so every node
 * answers a browser alike. Which request a rule allows is the protocol's to decide. Blocking:
 * call from the I/O executor.
 */
@ApplicationScoped
public class BucketCorsService {
    @Inject
    Volume volume;

    /** The bucket's rules in their order; empty when it has none. NO_SUCH_BUCKET when there is no bucket. */
    public List<CorsRule> rules(String bucket) throws IOException {
        return volume.bucket(bucket).settings().corsRules();
    }

    /** The rules of a bucket a browser's request names: empty when it has none, or when there is no such bucket. */
    public List<CorsRule> rulesIfAny(String bucket) throws IOException {
        try {
            return rules(bucket);
        } catch (StorageException e) {
            if (e.reason() == StorageException.Reason.NO_SUCH_BUCKET || e.reason() == StorageException.Reason.INVALID_BUCKET_NAME) {
                return List.of();
            }
            throw e;
        }
    }

    /** Replaces the bucket's rules; an empty list removes them. */
    public BucketSettings configure(String bucket, List<CorsRule> rules) throws IOException {
        return volume.bucket(bucket).updateSettings(settings -> settings.withCorsRules(rules));
    }
}
