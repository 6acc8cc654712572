package io.volumegate.storage;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a bucket remembers about itself beyond its objects, kept in
 * {@code <bucket>/.volumegate/bucket.properties} so that every node reads the same: its
 * versioning state, whether object lock is on with which default retention, its tags and its
 * CORS rules. Immutable; change with the {@code with...} methods and {@link Bucket#updateSettings}.
 *
 * @param defaultRetention the retention a new version gets when its write names none; null for none
 * @param tags             the bucket's tags, key to value, sorted by key; empty for none
 * @param corsRules        the bucket's CORS rules in their order; empty for none
 * @param access           who owns the bucket and who else may use it
 * @param quota            the most the bucket may hold; {@link BucketQuota#NONE} for no limit
 */
public record BucketSettings(Versioning versioning, boolean objectLock, DefaultRetention defaultRetention,
                             Map<String, String> tags, List<CorsRule> corsRules, BucketAccess access, BucketQuota quota) {
    public static final BucketSettings DEFAULT = new BucketSettings(Versioning.UNVERSIONED, false, null, Map.of(), List.of(),
            BucketAccess.NONE, BucketQuota.NONE);
    private static final System.Logger LOG = System.getLogger(BucketSettings.class.getName());

    private static final String FORMAT = "v";
    private static final String FORMAT_VERSION = "1";
    private static final String VERSIONING = "versioning";
    private static final String OBJECT_LOCK = "object-lock";
    private static final String RETENTION_MODE = "default-retention.mode";
    private static final String RETENTION_DAYS = "default-retention.days";
    private static final String RETENTION_YEARS = "default-retention.years";
    private static final String TAG_PREFIX = "tag.";
    private static final String CORS_PREFIX = "cors.";
    /** Operators may write these two by hand: a whole number, bytes with an optional K, M, G or T (powers of 1024). */
    static final String QUOTA_MAX_BYTES = "quota.max-bytes";
    static final String QUOTA_MAX_OBJECTS = "quota.max-objects";

    /** A bucket's default retention: a mode and a period of either days or years. */
    public record DefaultRetention(RetentionMode mode, int days, int years) {}

    public BucketSettings {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        corsRules = List.copyOf(corsRules);
        access = access == null ? BucketAccess.NONE : access;
        quota = quota == null ? BucketQuota.NONE : quota;
    }

    public BucketSettings withVersioning(Versioning value) {
        return new BucketSettings(value, objectLock, defaultRetention, tags, corsRules, access, quota);
    }

    public BucketSettings withObjectLock(boolean value) {
        return new BucketSettings(versioning, value, defaultRetention, tags, corsRules, access, quota);
    }

    public BucketSettings withDefaultRetention(DefaultRetention value) {
        return new BucketSettings(versioning, objectLock, value, tags, corsRules, access, quota);
    }

    public BucketSettings withTags(Map<String, String> value) {
        return new BucketSettings(versioning, objectLock, defaultRetention, value, corsRules, access, quota);
    }

    public BucketSettings withCorsRules(List<CorsRule> value) {
        return new BucketSettings(versioning, objectLock, defaultRetention, tags, value, access, quota);
    }

    public BucketSettings withQuota(BucketQuota value) {
        return new BucketSettings(versioning, objectLock, defaultRetention, tags, corsRules, access, value);
    }

    public BucketSettings withAccess(BucketAccess value) {
        return new BucketSettings(versioning, objectLock, defaultRetention, tags, corsRules, value, quota);
    }

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
        tags.forEach((key, value) -> p.setProperty(TAG_PREFIX + key, value));
        for (int i = 0; i < corsRules.size(); i++) putCorsRule(p, CORS_PREFIX + i + '.', corsRules.get(i));
        access.putInto(p);
        if (quota.maxBytes() != null) p.setProperty(QUOTA_MAX_BYTES, quota.maxBytes().toString());
        if (quota.maxObjects() != null) p.setProperty(QUOTA_MAX_OBJECTS, quota.maxObjects().toString());
        StringWriter out = new StringWriter();
        try {
            p.store(out, "VolumeGate bucket settings; change them through the S3 or management API"
                    + " (quota.max-bytes and quota.max-objects may be edited here too)");
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
        Map<String, String> tags = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(TAG_PREFIX)) tags.put(name.substring(TAG_PREFIX.length()), p.getProperty(name));
        }
        List<CorsRule> cors = new ArrayList<>();
        while (p.getProperty(CORS_PREFIX + cors.size() + ".methods.0") != null) cors.add(corsRule(p, CORS_PREFIX + cors.size() + '.'));
        return new BucketSettings(Versioning.valueOf(p.getProperty(VERSIONING, Versioning.UNVERSIONED.name())),
                Boolean.parseBoolean(p.getProperty(OBJECT_LOCK)), retention, tags, cors, BucketAccess.from(p), quota(p));
    }

    /**
     * The quota an operator or the API wrote. A value that does not parse is left out with a
     * warning in the log, rather than fail every request of the bucket over a typo.
     */
    private static BucketQuota quota(Properties p) {
        return new BucketQuota(limit(p, QUOTA_MAX_BYTES, true), limit(p, QUOTA_MAX_OBJECTS, false));
    }

    private static Long limit(Properties p, String name, boolean bytes) {
        String value = p.getProperty(name);
        if (value == null || value.isBlank()) return null;
        String text = value.strip().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        int suffix = bytes && !text.isEmpty() ? "KMGT".indexOf(text.charAt(text.length() - 1)) : -1;
        if (suffix >= 0) {
            unit = 1L << (10 * (suffix + 1));
            text = text.substring(0, text.length() - 1).strip();
        }
        try {
            long number = Long.parseLong(text);
            if (number >= 0 && number <= Long.MAX_VALUE / unit) return number * unit;
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, "ignoring bucket setting {0}={1}: not a whole number{2}", name, value,
                bytes ? " of bytes (K, M, G, T allowed)" : "");
        return null;
    }

    private static void putCorsRule(Properties p, String prefix, CorsRule rule) {
        if (rule.id() != null) p.setProperty(prefix + "id", rule.id());
        putList(p, prefix + "origins.", rule.allowedOrigins());
        putList(p, prefix + "methods.", rule.allowedMethods());
        putList(p, prefix + "headers.", rule.allowedHeaders());
        putList(p, prefix + "expose.", rule.exposeHeaders());
        if (rule.maxAgeSeconds() != null) p.setProperty(prefix + "max-age", rule.maxAgeSeconds().toString());
    }

    private static CorsRule corsRule(Properties p, String prefix) {
        String maxAge = p.getProperty(prefix + "max-age");
        return new CorsRule(p.getProperty(prefix + "id"), list(p, prefix + "origins."), list(p, prefix + "methods."),
                list(p, prefix + "headers."), list(p, prefix + "expose."), maxAge == null ? null : Integer.valueOf(maxAge));
    }

    private static void putList(Properties p, String prefix, List<String> values) {
        for (int i = 0; i < values.size(); i++) p.setProperty(prefix + i, values.get(i));
    }

    private static List<String> list(Properties p, String prefix) {
        List<String> values = new ArrayList<>();
        while (p.getProperty(prefix + values.size()) != null) values.add(p.getProperty(prefix + values.size()));
        return values;
    }
}
