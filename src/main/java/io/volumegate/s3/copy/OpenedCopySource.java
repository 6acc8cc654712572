package io.volumegate.s3.copy;

import io.volumegate.checksum.ContentDigests;
import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.RunningChecksum;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StoredObject;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A copy source that {@link CopySources#open} has authorized, found, held to its conditions
 * and opened: the bytes to copy are {@link #length()} bytes of {@link #channel()} from
 * {@link #offset()}. {@link #object()} (ETag, last-modified, stored metadata) describes the
 * very file the channel reads. Close it when done. Blocking: use from the I/O executor.
 */
public final class OpenedCopySource implements AutoCloseable {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");

    private final CopySource source;
    private final StoredObject object;
    private final FileChannel channel;
    private final BasicFileAttributes opened;
    private final long offset;
    private final long length;

    OpenedCopySource(CopySource source, StoredObject object, FileChannel channel, BasicFileAttributes opened,
                     long offset, long length) {
        this.source = source;
        this.object = object;
        this.channel = channel;
        this.opened = opened;
        this.offset = offset;
        this.length = length;
    }

    public CopySource source() { return source; }

    /** The source object as it was when opened: size, ETag, last-modified, fresh metadata if any. */
    public StoredObject object() { return object; }

    /** The open source file; null for a directory object, which has no content. */
    public FileChannel channel() { return channel; }

    /** First byte to copy: 0, or the first byte of x-amz-copy-source-range. */
    public long offset() { return offset; }

    public long length() { return length; }

    /** True when the whole object is copied, not a range of it. */
    public boolean whole() { return offset == 0 && length == object.size(); }

    /**
     * The digests stored with the source, when they may stand for the copied bytes: a whole
     * copy of a file whose stored metadata is fresh (its fingerprint matches the file that is
     * open), with a plain MD5 and every requested checksum as a full-object value. Empty
     * otherwise; then hash while copying ({@link #copyHashing}).
     */
    public Optional<ContentDigests> storedDigests(Set<ChecksumAlgorithm> algorithms) {
        if (!whole()) return Optional.empty();
        Optional<ObjectMetadata> metadata = object.metadata();
        if (metadata.isEmpty() || metadata.get().md5Hex() == null || !PLAIN_MD5.matcher(metadata.get().md5Hex()).matches()) {
            return Optional.empty();
        }
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm algorithm : algorithms) {
            String value = metadata.get().checksums().get(algorithm.name());
            // A multipart upload's COMPOSITE checksum ("<b64>-N") is not the checksum of the bytes.
            if (value == null || value.contains("-")) return Optional.empty();
            checksums.put(algorithm, value);
        }
        return Optional.of(new ContentDigests(metadata.get().md5Hex(), checksums));
    }

    /**
     * Copies the bytes without hashing them, by the kernel where it can
     * ({@link PendingUpload#transferFrom}). Pair with {@link #storedDigests} and, afterwards,
     * {@link #unchanged()}.
     */
    public void copyVerbatim(PendingUpload target) throws IOException {
        if (length > 0) target.transferFrom(channel, offset, length);
    }

    /**
     * Copies the bytes through one fixed buffer, computing MD5 and {@code algorithms} of
     * exactly the bytes handed to {@code target}: whatever happens to the source meanwhile,
     * the digests describe what was written.
     */
    public ContentDigests copyHashing(BodySink target, Set<ChecksumAlgorithm> algorithms) throws IOException {
        MessageDigest md5 = md5();
        Map<ChecksumAlgorithm, RunningChecksum> running = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm algorithm : algorithms) running.put(algorithm, algorithm.start());
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        long done = 0;
        while (done < length) {
            buffer.clear().limit((int) Math.min(BUFFER_SIZE, length - done));
            int read = channel.read(buffer, offset + done);
            if (read < 0) throw sourceChanged();
            md5.update(buffer.array(), 0, read);
            for (RunningChecksum checksum : running.values()) checksum.update(buffer.array(), 0, read);
            target.write(buffer.array(), 0, read);
            done += read;
        }
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        running.forEach((algorithm, checksum) -> checksums.put(algorithm, algorithm.encode(checksum.result())));
        return new ContentDigests(HexFormat.of().formatHex(md5.digest()), checksums);
    }

    /**
     * True while the source path still names the same file, unchanged since it was opened
     * (same file key, size and last-modified time). After a verbatim copy this is what lets
     * the stored digests stand for the copied bytes: a program that rewrote the file in place
     * meanwhile changed its mtime; one that replaced it changed the file key.
     */
    public boolean unchanged() throws IOException {
        if (opened == null) return true;
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(object.path(), BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
        return sameFile(opened, now);
    }

    static boolean sameFile(BasicFileAttributes a, BasicFileAttributes b) {
        return a.size() == b.size()
                && a.lastModifiedTime().equals(b.lastModifiedTime())
                && Objects.equals(a.fileKey(), b.fileKey());
    }

    /** Retryable: a retry sees the source as it is now. */
    public static S3Exception sourceChanged() {
        return S3Error.SERVICE_UNAVAILABLE.exception("The copy source changed while it was being read; retry the request.");
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
