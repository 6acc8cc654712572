package io.volumegate.storage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bucket's tags and CORS rules kept on the volume beside its other settings, and a version's tags kept with that version. */
class BucketSettingsTest {
    @TempDir
    Path root;
    Bucket bucket;

    @BeforeEach
    void setUp() throws IOException {
        Volume volume = TestVolumes.at(root);
        volume.createBucket("data");
        bucket = volume.bucket("data");
    }

    private static final CorsRule UPLOADS = new CorsRule("uploads", List.of("https://*.example.com", "http://localhost:8080"),
            List.of("PUT", "POST"), List.of("*", "x-amz-*"), List.of("ETag", "x-amz-version-id"), 3000);
    private static final CorsRule READS = new CorsRule(null, List.of("*"), List.of("GET"), List.of(), List.of(), null);

    @Test
    void tagsAndCorsRulesRoundTripBesideVersioningAndLock() throws IOException {
        assertEquals(BucketSettings.DEFAULT, bucket.settings());
        bucket.updateSettings(s -> s.withVersioning(Versioning.ENABLED).withObjectLock(true)
                .withDefaultRetention(new BucketSettings.DefaultRetention(RetentionMode.GOVERNANCE, 1, 0)));
        bucket.updateSettings(s -> s.withTags(Map.of("team", "blue", "cost center", "42 / a=b")));
        bucket.updateSettings(s -> s.withCorsRules(List.of(UPLOADS, READS)));

        BucketSettings read = bucket.settings();
        assertEquals(Versioning.ENABLED, read.versioning());
        assertTrue(read.objectLock());
        assertEquals(RetentionMode.GOVERNANCE, read.defaultRetention().mode());
        assertEquals(Map.of("team", "blue", "cost center", "42 / a=b"), read.tags());
        assertEquals(List.of(UPLOADS, READS), read.corsRules());

        bucket.updateSettings(s -> s.withTags(Map.of()).withCorsRules(List.of()));
        assertEquals(Map.of(), bucket.settings().tags());
        assertEquals(List.of(), bucket.settings().corsRules());
        assertEquals(Versioning.ENABLED, bucket.settings().versioning());
    }

    @Test
    void tagsBelongToTheVersionTheyWereSetOn() throws IOException {
        bucket.updateSettings(s -> s.withVersioning(Versioning.ENABLED));
        String first = put("k", "one").versionId();
        bucket.updateMetadata("k", null, m -> m.toBuilder().tags(Map.of("v", "1")).build());
        String second = put("k", "two").versionId();
        assertEquals(Map.of(), bucket.stat("k").metadata().orElseThrow().tags());
        assertEquals(Map.of("v", "1"), bucket.stat("k", first).metadata().orElseThrow().tags());

        bucket.updateMetadata("k", first, m -> m.toBuilder().tags(Map.of("v", "old")).build());
        bucket.updateMetadata("k", second, m -> m.toBuilder().tags(Map.of("v", "new")).build());
        assertEquals(Map.of("v", "old"), bucket.stat("k", first).metadata().orElseThrow().tags());
        assertEquals(Map.of("v", "new"), bucket.stat("k").metadata().orElseThrow().tags());
        assertEquals("one", new String(Channels.newInputStream(bucket.open("k", first).channel()).readAllBytes(), StandardCharsets.UTF_8));
    }

    private StoredObject put(String key, String content) throws IOException {
        PendingUpload upload = bucket.beginUpload(key);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        upload.write(bytes, 0, bytes.length);
        return bucket.commit(upload, ObjectMetadata.builder().build(), WriteCondition.NONE);
    }
}
