package io.volumegate.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What S3 remembers about an object beyond its bytes: content headers, {@code x-amz-meta-*}
 * user metadata, the MD5 (ETag body) and additional checksums, plus the fingerprint
 * ({@link #size()}, {@link #mtimeMillis()}) of the file at the time the metadata was written.
 *
 * <p>The fingerprint exists because objects are plain files: another program may rewrite a
 * file in place and leave our xattr (or sidecar) behind. Metadata whose fingerprint no longer
 * matches the file describes bytes that are gone, so readers must drop it
 * ({@link #isFreshFor(BasicFileAttributes)}).
 *
 * <p>Immutable; build with {@link #builder()} and change with {@link #toBuilder()}.
 */
public final class ObjectMetadata {
    /** Format version written as {@code v}; a reader refuses versions it does not know. */
    public static final int FORMAT_VERSION = 1;

    private static final String VERSION = "v";
    private static final String CONTENT_TYPE = "content-type";
    private static final String CONTENT_ENCODING = "content-encoding";
    private static final String CONTENT_DISPOSITION = "content-disposition";
    private static final String CACHE_CONTROL = "cache-control";
    private static final String EXPIRES = "expires";
    private static final String CONTENT_LANGUAGE = "content-language";
    private static final String MD5 = "md5";
    private static final String SIZE = "size";
    private static final String MTIME = "mtime";
    private static final String META_PREFIX = "meta.";
    private static final String CHECKSUM_PREFIX = "checksum.";
    private static final String CHECKSUM_TYPE = "checksum-type";
    private static final String PARTS = "parts";
    private static final String VERSION_ID = "version-id";
    private static final String LOCK_MODE = "lock.mode";
    private static final String LOCK_RETAIN_UNTIL = "lock.retain-until";
    private static final String LOCK_LEGAL_HOLD = "lock.legal-hold";
    private static final String OWNER = "owner";
    private static final String ACL = "acl";
    private static final String TAG_PREFIX = "tag.";
    private static final String PART_CHECKSUMS = "part-checksums";

    private final String contentType;
    private final String contentEncoding;
    private final String contentDisposition;
    private final String cacheControl;
    private final String expires;
    private final String contentLanguage;
    private final Map<String, String> userMetadata;
    private final String md5Hex;
    private final Map<String, String> checksums;
    private final String checksumType;
    private final PartSizes partSizes;
    private final String versionId;
    private final RetentionMode lockMode;
    private final java.time.Instant retainUntil;
    private final boolean legalHold;
    private final String owner;
    private final String acl;
    private final Map<String, String> tags;
    private final List<String> partChecksums;
    private final long size;
    private final long mtimeMillis;

    private ObjectMetadata(Builder b) {
        this.contentType = b.contentType;
        this.contentEncoding = b.contentEncoding;
        this.contentDisposition = b.contentDisposition;
        this.cacheControl = b.cacheControl;
        this.expires = b.expires;
        this.contentLanguage = b.contentLanguage;
        this.userMetadata = Collections.unmodifiableMap(new TreeMap<>(b.userMetadata));
        this.md5Hex = b.md5Hex;
        this.checksums = Collections.unmodifiableMap(new TreeMap<>(b.checksums));
        this.checksumType = b.checksumType;
        this.partSizes = b.partSizes;
        this.versionId = b.versionId;
        this.lockMode = b.lockMode;
        this.retainUntil = b.retainUntil;
        this.legalHold = b.legalHold;
        this.owner = b.owner;
        this.acl = b.acl;
        this.tags = Collections.unmodifiableMap(new TreeMap<>(b.tags));
        this.partChecksums = b.partChecksums == null ? null : List.copyOf(b.partChecksums);
        this.size = b.size;
        this.mtimeMillis = b.mtimeMillis;
    }

    public static Builder builder() { return new Builder(); }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.contentType = contentType;
        b.contentEncoding = contentEncoding;
        b.contentDisposition = contentDisposition;
        b.cacheControl = cacheControl;
        b.expires = expires;
        b.contentLanguage = contentLanguage;
        b.userMetadata.putAll(userMetadata);
        b.md5Hex = md5Hex;
        b.checksums.putAll(checksums);
        b.checksumType = checksumType;
        b.partSizes = partSizes;
        b.versionId = versionId;
        b.lockMode = lockMode;
        b.retainUntil = retainUntil;
        b.legalHold = legalHold;
        b.owner = owner;
        b.acl = acl;
        b.tags.putAll(tags);
        b.partChecksums = partChecksums;
        b.size = size;
        b.mtimeMillis = mtimeMillis;
        return b;
    }

    public String contentType() { return contentType; }

    public String contentEncoding() { return contentEncoding; }

    public String contentDisposition() { return contentDisposition; }

    public String cacheControl() { return cacheControl; }

    public String expires() { return expires; }

    public String contentLanguage() { return contentLanguage; }

    /** {@code x-amz-meta-*} names without the prefix, lower-case, sorted. */
    public Map<String, String> userMetadata() { return userMetadata; }

    /** ETag body: 32 hex digits, or {@code <hex>-<parts>} for multipart uploads; may be null. */
    public String md5Hex() { return md5Hex; }

    /** Algorithm name (upper-case, e.g. {@code CRC32}) to base64 value; may be empty. */
    public Map<String, String> checksums() { return checksums; }

    /**
     * How {@link #checksums()} relate to the bytes: {@code FULL_OBJECT} or, for multipart
     * uploads, {@code COMPOSITE}; null when not recorded (a single PUT: full object).
     */
    public String checksumType() { return checksumType; }

    /** Part sizes of an object made by a multipart upload; null for a single PUT. */
    public PartSizes partSizes() { return partSizes; }

    /**
     * The version id this file was written as: an id of {@link VersionIds}, "null" for a write
     * to a bucket with versioning suspended, or null when written while the bucket was not
     * versioned (which is the "null" version too, but S3 does not name it in answers).
     */
    public String versionId() { return versionId; }

    /** The version's retention mode (object lock); null when it has no retention. */
    public RetentionMode lockMode() { return lockMode; }

    /** Until when the version's retention holds; null when it has none. */
    public java.time.Instant retainUntil() { return retainUntil; }

    /** Whether the version is under a legal hold, which keeps it until the hold is lifted. */
    public boolean legalHold() { return legalHold; }

    /** Who wrote the object (an id the caller chose); null when not recorded: then the bucket's owner. */
    public String owner() { return owner; }

    /** The object's access control list in the caller's own notation; null when not recorded (private). */
    public String acl() { return acl; }

    /** The version's tags, key to value, sorted by key; empty when it has none. */
    public Map<String, String> tags() { return tags; }

    /**
     * The checksums of a multipart object's parts in part order, of its one algorithm
     * ({@link #checksums()}); null when not kept (a single PUT, or an upload that asked for none).
     */
    public List<String> partChecksums() { return partChecksums; }

    /** The file's size when this metadata was written. */
    public long size() { return size; }

    /** The file's last-modified time in milliseconds when this metadata was written. */
    public long mtimeMillis() { return mtimeMillis; }

    /** A copy whose fingerprint is the given file's current size and last-modified time. */
    public ObjectMetadata withFingerprint(BasicFileAttributes attrs) {
        return toBuilder().size(attrs.size()).mtimeMillis(attrs.lastModifiedTime().toMillis()).build();
    }

    /**
     * Whether this metadata still describes the file with these attributes. Directory objects
     * are always fresh: they have no bytes anyone could rewrite, while their size and mtime
     * change whenever an entry is added below them.
     */
    public boolean isFreshFor(BasicFileAttributes attrs) {
        if (attrs.isDirectory()) return true;
        return size == attrs.size() && mtimeMillis == attrs.lastModifiedTime().toMillis();
    }

    /** UTF-8 {@code .properties} text, without the timestamp comment Properties would add. */
    public byte[] toBytes() {
        Properties p = new Properties();
        p.setProperty(VERSION, Integer.toString(FORMAT_VERSION));
        putIfSet(p, CONTENT_TYPE, contentType);
        putIfSet(p, CONTENT_ENCODING, contentEncoding);
        putIfSet(p, CONTENT_DISPOSITION, contentDisposition);
        putIfSet(p, CACHE_CONTROL, cacheControl);
        putIfSet(p, EXPIRES, expires);
        putIfSet(p, CONTENT_LANGUAGE, contentLanguage);
        putIfSet(p, MD5, md5Hex);
        userMetadata.forEach((name, value) -> p.setProperty(META_PREFIX + name, value));
        checksums.forEach((alg, value) -> p.setProperty(CHECKSUM_PREFIX + alg, value));
        putIfSet(p, CHECKSUM_TYPE, checksumType);
        if (partSizes != null) p.setProperty(PARTS, partSizes.encode());
        putIfSet(p, VERSION_ID, versionId);
        if (lockMode != null) p.setProperty(LOCK_MODE, lockMode.name());
        if (retainUntil != null) p.setProperty(LOCK_RETAIN_UNTIL, retainUntil.toString());
        if (legalHold) p.setProperty(LOCK_LEGAL_HOLD, "ON");
        if (owner != null) p.setProperty(OWNER, owner);
        if (acl != null) p.setProperty(ACL, acl);
        tags.forEach((key, value) -> p.setProperty(TAG_PREFIX + key, value));
        if (partChecksums != null) p.setProperty(PART_CHECKSUMS, String.join(",", partChecksums));
        p.setProperty(SIZE, Long.toString(size));
        p.setProperty(MTIME, Long.toString(mtimeMillis));

        // store(Writer) keeps non-Latin-1 characters as they are (store(OutputStream) would
        // write \\uXXXX escapes), which keeps unicode user metadata compact for the xattr.
        StringWriter out = new StringWriter();
        try {
            p.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        String text = out.toString();
        // Drop the "#<date>" line: it costs ~30 bytes of scarce xattr space and makes two
        // writes of the same metadata differ. Escaped keys and values never start a line with #.
        if (text.startsWith("#")) text = text.substring(text.indexOf('\n') + 1);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses what {@link #toBytes()} wrote.
     *
     * @throws IllegalArgumentException when the blob is not metadata of a known version
     */
    public static ObjectMetadata fromBytes(byte[] bytes) {
        Properties p = new Properties();
        try (var in = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable metadata: " + e.getMessage(), e);
        }
        String version = p.getProperty(VERSION);
        if (!Integer.toString(FORMAT_VERSION).equals(version)) {
            throw new IllegalArgumentException("unknown metadata version: " + version);
        }
        Builder b = builder()
                .contentType(p.getProperty(CONTENT_TYPE))
                .contentEncoding(p.getProperty(CONTENT_ENCODING))
                .contentDisposition(p.getProperty(CONTENT_DISPOSITION))
                .cacheControl(p.getProperty(CACHE_CONTROL))
                .expires(p.getProperty(EXPIRES))
                .contentLanguage(p.getProperty(CONTENT_LANGUAGE))
                .md5Hex(p.getProperty(MD5))
                .checksumType(p.getProperty(CHECKSUM_TYPE))
                .partSizes(p.getProperty(PARTS) == null ? null : PartSizes.parse(p.getProperty(PARTS)))
                .versionId(p.getProperty(VERSION_ID))
                .retention(p.getProperty(LOCK_MODE) == null ? null : RetentionMode.valueOf(p.getProperty(LOCK_MODE)),
                        p.getProperty(LOCK_RETAIN_UNTIL) == null ? null : java.time.Instant.parse(p.getProperty(LOCK_RETAIN_UNTIL)))
                .legalHold("ON".equals(p.getProperty(LOCK_LEGAL_HOLD)))
                .owner(p.getProperty(OWNER))
                .acl(p.getProperty(ACL))
                .partChecksums(p.getProperty(PART_CHECKSUMS) == null ? null : List.of(p.getProperty(PART_CHECKSUMS).split(",", -1)))
                .size(parseLong(p, SIZE))
                .mtimeMillis(parseLong(p, MTIME));
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(META_PREFIX)) {
                b.putUserMetadata(name.substring(META_PREFIX.length()), p.getProperty(name));
            } else if (name.startsWith(CHECKSUM_PREFIX)) {
                b.putChecksum(name.substring(CHECKSUM_PREFIX.length()), p.getProperty(name));
            } else if (name.startsWith(TAG_PREFIX)) {
                b.tags.put(name.substring(TAG_PREFIX.length()), p.getProperty(name));
            }
            // Other keys are ignored: a later v=1 writer may add optional fields.
        }
        return b.build();
    }

    private static void putIfSet(Properties p, String key, String value) {
        if (value != null) p.setProperty(key, value);
    }

    private static long parseLong(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) throw new IllegalArgumentException("metadata without " + key);
        return Long.parseLong(value.trim()); // NumberFormatException is an IllegalArgumentException
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ObjectMetadata m)) return false;
        return size == m.size && mtimeMillis == m.mtimeMillis
                && Objects.equals(contentType, m.contentType)
                && Objects.equals(contentEncoding, m.contentEncoding)
                && Objects.equals(contentDisposition, m.contentDisposition)
                && Objects.equals(cacheControl, m.cacheControl)
                && Objects.equals(expires, m.expires)
                && Objects.equals(contentLanguage, m.contentLanguage)
                && userMetadata.equals(m.userMetadata)
                && Objects.equals(md5Hex, m.md5Hex)
                && checksums.equals(m.checksums)
                && Objects.equals(checksumType, m.checksumType)
                && Objects.equals(partSizes, m.partSizes)
                && Objects.equals(versionId, m.versionId)
                && lockMode == m.lockMode && Objects.equals(retainUntil, m.retainUntil) && legalHold == m.legalHold && Objects.equals(owner, m.owner) && Objects.equals(acl, m.acl)
                && tags.equals(m.tags) && Objects.equals(partChecksums, m.partChecksums);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, contentEncoding, contentDisposition, cacheControl, expires,
                contentLanguage, userMetadata, md5Hex, checksums, checksumType, partSizes, versionId, lockMode, retainUntil, legalHold, owner, acl, tags, partChecksums, size, mtimeMillis);
    }

    @Override
    public String toString() {
        return "ObjectMetadata{contentType=" + contentType + ", md5=" + md5Hex + ", userMetadata="
                + userMetadata.keySet() + ", checksums=" + checksums.keySet() + ", checksumType=" + checksumType
                + ", parts=" + (partSizes == null ? 0 : partSizes.count()) + ", size=" + size
                + ", mtime=" + mtimeMillis + "}";
    }

    /** Mutable collector for {@link ObjectMetadata}; null clears an optional field. */
    public static final class Builder {
        private String contentType;
        private String contentEncoding;
        private String contentDisposition;
        private String cacheControl;
        private String expires;
        private String contentLanguage;
        private final Map<String, String> userMetadata = new TreeMap<>();
        private String md5Hex;
        private final Map<String, String> checksums = new TreeMap<>();
        private String checksumType;
        private PartSizes partSizes;
        private String versionId;
        private RetentionMode lockMode;
        private java.time.Instant retainUntil;
        private boolean legalHold;
        private String owner;
        private String acl;
        private final Map<String, String> tags = new TreeMap<>();
        private List<String> partChecksums;
        private long size;
        private long mtimeMillis;

        private Builder() {}

        public Builder contentType(String value) { contentType = value; return this; }

        public Builder contentEncoding(String value) { contentEncoding = value; return this; }

        public Builder contentDisposition(String value) { contentDisposition = value; return this; }

        public Builder cacheControl(String value) { cacheControl = value; return this; }

        public Builder expires(String value) { expires = value; return this; }

        public Builder contentLanguage(String value) { contentLanguage = value; return this; }

        /** Replaces all user metadata; names are lower-cased (HTTP header names are case-insensitive). */
        public Builder userMetadata(Map<String, String> values) {
            userMetadata.clear();
            values.forEach(this::putUserMetadata);
            return this;
        }

        /** {@code name} without the {@code x-amz-meta-} prefix. */
        public Builder putUserMetadata(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty user metadata name");
            userMetadata.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        public Builder md5Hex(String value) { md5Hex = value; return this; }

        /** Replaces all checksums; algorithm names are upper-cased (CRC32, CRC32C, SHA1, SHA256, ...). */
        public Builder checksums(Map<String, String> values) {
            checksums.clear();
            values.forEach(this::putChecksum);
            return this;
        }

        public Builder putChecksum(String algorithm, String base64) {
            Objects.requireNonNull(base64, "base64");
            if (algorithm == null || algorithm.isEmpty()) throw new IllegalArgumentException("empty checksum algorithm");
            checksums.put(algorithm.toUpperCase(Locale.ROOT), base64);
            return this;
        }

        /** {@code FULL_OBJECT} or {@code COMPOSITE}; null when not recorded. */
        public Builder checksumType(String value) { checksumType = value; return this; }

        /** Part sizes of a multipart object; null for a single PUT. */
        public Builder partSizes(PartSizes value) { partSizes = value; return this; }

        /** The version id the file is written as; null outside versioning. */
        public Builder versionId(String value) { versionId = value; return this; }

        /** The version's retention (object lock); both null for none. */
        public Builder retention(RetentionMode mode, java.time.Instant until) { lockMode = mode; retainUntil = until; return this; }

        public Builder legalHold(boolean value) { legalHold = value; return this; }

        public Builder owner(String value) { owner = value; return this; }

        public Builder acl(String value) { acl = value; return this; }

        /** Replaces the version's tags (key to value; an empty map for none). */
        public Builder tags(Map<String, String> values) {
            tags.clear();
            tags.putAll(values);
            return this;
        }

        /** The parts' checksums in part order (of the object's one algorithm); null for none. */
        public Builder partChecksums(List<String> values) { partChecksums = values; return this; }

        /** Fingerprint size; metadata stores set it from the file on write. */
        public Builder size(long value) { size = value; return this; }

        /** Fingerprint mtime; metadata stores set it from the file on write. */
        public Builder mtimeMillis(long value) { mtimeMillis = value; return this; }

        public ObjectMetadata build() { return new ObjectMetadata(this); }
    }
}
