package io.volumegate.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ETag of an object, from what we know without reading its content: listings must not
 * hash files, and a GET must not hash before it streams.
 */
public final class ETags {
    /** MD5 of zero bytes: true for every empty file and every directory object. */
    static final String EMPTY_MD5 = "d41d8cd98f00b204e9800998ecf8427e";

    private static final Pattern INODE = Pattern.compile("ino=(\\d+)");

    private ETags() {}

    /**
     * The quoted ETag. Fresh metadata with an MD5 gives {@code "<md5>"} (for multipart uploads
     * the stored value is already {@code <hex>-<parts>}). An empty file or a directory object
     * gives the MD5 of no bytes, which is exact. Anything else — a file another program wrote,
     * or whose metadata is stale — gets a synthetic {@code "<16 hex>-1"}: the '-' tells S3
     * clients it is not an MD5, so they do not verify downloads against it.
     *
     * @param file  the object's file; not read
     * @param attrs its current attributes
     * @param meta  what its metadata store returned
     */
    public static String forObject(Path file, BasicFileAttributes attrs, Optional<ObjectMetadata> meta) {
        Optional<String> md5 = meta.filter(m -> m.isFreshFor(attrs)).map(ObjectMetadata::md5Hex);
        if (md5.isPresent()) return quote(md5.get());
        if (attrs.isDirectory() || attrs.size() == 0) return quote(EMPTY_MD5);
        return quote(synthetic(attrs) + "-1");
    }

    /**
     * 16 hex digits of SHA-256 over size, mtime (full precision) and inode. The inode tells
     * apart a file replaced by rename with the same size and mtime (e.g. {@code cp -p}). Only
     * the inode, not the whole file key: the device number of an NFS mount differs from node
     * to node, and every node must serve the same ETag for If-Match to work behind a balancer.
     */
    private static String synthetic(BasicFileAttributes attrs) {
        String identity = attrs.size() + ":" + attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + inode(attrs);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    /**
     * The inode from the file key. On Unix the JDK's key prints as {@code (dev=..,ino=..)};
     * there is no accessor, and asking for {@code unix:ino} would cost another stat per
     * listed object. Other platforms: the key as printed, or nothing.
     */
    private static String inode(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        if (key == null) return "";
        String text = key.toString();
        Matcher m = INODE.matcher(text);
        return m.find() ? m.group(1) : text;
    }

    private static String quote(String body) {
        return '"' + body + '"';
    }
}
