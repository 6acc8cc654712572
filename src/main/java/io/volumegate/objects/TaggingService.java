package io.volumegate.objects;

import io.volumegate.storage.BucketSettings;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.Map;

/**
 * Tags, for both APIs: a version's tags (kept in its metadata, so they belong to that version
 * and travel with it into the history) and a bucket's (kept in its settings). What a valid tag
 * set is, is the protocol's to check. Blocking: call from the I/O executor.
 */
@ApplicationScoped
public class TaggingService {
    @Inject
    Volume volume;
    /** Replaces the version's tags; an empty map removes them. */
    public ObjectMetadata tag(ObjectRef ref, Map<String, String> tags) throws IOException {
        return volume.bucket(ref.bucket()).updateMetadata(ref.key(), ref.versionId(), metadata -> metadata.toBuilder().tags(tags).build());
    }

    /** The bucket's tags; empty when it has none. */
    public Map<String, String> bucketTags(String bucket) throws IOException {
        return volume.bucket(bucket).settings().tags();
    }

    /** Replaces the bucket's tags; an empty map removes them. */
    public BucketSettings tagBucket(String bucket, Map<String, String> tags) throws IOException {
        return volume.bucket(bucket).updateSettings(settings -> settings.withTags(tags));
    }
}
