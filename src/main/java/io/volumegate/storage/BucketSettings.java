package io.volumegate.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What a bucket remembers about itself beyond its objects, kept in
 * {@code <bucket>/.volumegate/bucket.properties} so that every node reads the same: its
 * versioning state, and whether object lock is on with which default retention. Immutable;
 * change with the {@code with...} methods and {@link Bucket#updateSettings}.
 *
 * @param defaultRetention the retention a new version gets when its write names none; null for none
 */
public record BucketSettings(Versioning versioning, boolean objectLock, DefaultRetention defaultRetention) {
    public static final BucketSettings DEFAULT = new BucketSettings(Versioning.UNVERSIONED, false, null);

    private static final String FORMAT = "v";
    private static final String FORMAT_VERSION = "1";
    private static final String VERSIONING = "versioning";
    private static final String OBJECT_LOCK = "object-lock";
    private static final String RETENTION_MODE = "default-retention.mode";
    private static final String RETENTION_DAYS = "default-retention.days";
    private static final String RETENTION_YEARS = "default-retention.years";

    /** A bucket's default retention: a mode and a period of either days or years. */
    public record DefaultRetention(RetentionMode mode, int days, int years) {}

    public BucketSettings withVersioning(Versioning value) { return new BucketSettings(value, objectLock, defaultRetention); }

    public BucketSettings withObjectLock(boolean value) { return new BucketSettings(versioning, value, defaultRetention); }

    public BucketSettings withDefaultRetention(DefaultRetention value) { return new BucketSettings(versioning, objectLock, value); }

    byte[] toBytes() {
        Properties p = new Properties();
        p.setProperty(FORMAT, FORMAT_VERSION);
        p.setProperty(VERSIONING, versioning.name());
        p.setProperty(OBJECT_LOCK, Boolean.toString(objectLock));
        if (defaultRetention != null) {
            p.setProperty(RETENTION_MODE, defaultRetention.mode().name());
            p.setProperty(RETENTION_DAYS, Integer.toString(defaultRetention.days()));
            p.setProperty(RETENTION_YEARS, Integer.toString(defaultRetention.years()));
        }
        StringWriter out = new StringWriter();
        try {
            p.store(out, "VolumeGate bucket settings; change them through the S3 or management API");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the bytes are not settings of a known format */
    static BucketSettings parse(byte[] bytes) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable bucket settings", e);
        }
        if (!FORMAT_VERSION.equals(p.getProperty(FORMAT))) {
            throw new IllegalArgumentException("bucket settings of unknown format " + p.getProperty(FORMAT));
        }
        DefaultRetention retention = null;
        if (p.getProperty(RETENTION_MODE) != null) {
            retention = new DefaultRetention(RetentionMode.valueOf(p.getProperty(RETENTION_MODE)),
                    Integer.parseInt(p.getProperty(RETENTION_DAYS, "0")), Integer.parseInt(p.getProperty(RETENTION_YEARS, "0")));
        }
        return new BucketSettings(Versioning.valueOf(p.getProperty(VERSIONING, Versioning.UNVERSIONED.name())),
                Boolean.parseBoolean(p.getProperty(OBJECT_LOCK)), retention);
    }
}
