package io.volumegate.objects;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ContentDigests;
import io.volumegate.checksum.Md5;
import io.volumegate.checksum.RunningChecksum;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.OpenedObject;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.TempFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Copies an opened object's bytes into a temp file and tells their digests. When the whole
 * object is copied and its stored digests can be trusted (fresh metadata for the very file
 * that is open, unchanged until the copy ended) the kernel copies the bytes and the stored
 * values are reused; otherwise the bytes are hashed while they are copied, so the digests
 * always describe exactly what was written.
 */
final class ContentCopy {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");

    private ContentCopy() {}

    /**
     * Kernel copy plus the stored digests when they can be trusted, else a hashing copy. A
     * source that changed during the kernel copy is copied again, hashing, into the same temp
     * file (restarted): the stored digests described the old bytes.
     */
    static ContentDigests copy(OpenedObject source, TempFile target, Set<ChecksumAlgorithm> algorithms) throws IOException {
        long size = source.object().size();
        Optional<ContentDigests> stored = storedDigests(source, algorithms);
        if (stored.isPresent()) {
            if (size > 0) target.transferFrom(source.channel(), 0, size);
            if (source.unchanged()) return stored.get();
            target.restart();
        }
        return copyHashing(source.channel(), 0, size, target::write, algorithms);
    }

    /**
     * The digests stored with the source, when they may stand for its bytes: fresh metadata
     * with a plain MD5 and every requested checksum as a full-object value.
     */
    private static Optional<ContentDigests> storedDigests(OpenedObject source, Set<ChecksumAlgorithm> algorithms) {
        Optional<ObjectMetadata> metadata = source.object().metadata();
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

    /** Where hashed bytes go. */
    interface Sink {
        void write(byte[] data, int offset, int length) throws IOException;
    }

    /**
     * Copies {@code length} bytes from {@code offset} through one fixed buffer, computing MD5
     * and {@code algorithms} of exactly the bytes handed to {@code target}: whatever happens to
     * the source meanwhile, the digests describe what was written.
     */
    static ContentDigests copyHashing(FileChannel source, long offset, long length, Sink target, Set<ChecksumAlgorithm> algorithms)
            throws IOException {
        MessageDigest md5 = Md5.start();
        Map<ChecksumAlgorithm, RunningChecksum> running = new EnumMap<>(ChecksumAlgorithm.class);
        for (ChecksumAlgorithm algorithm : algorithms) running.put(algorithm, algorithm.start());
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        long done = 0;
        while (done < length) {
            buffer.clear().limit((int) Math.min(BUFFER_SIZE, length - done));
            int read = source.read(buffer, offset + done);
            if (read < 0) throw StorageException.changedWhileRead();
            md5.update(buffer.array(), 0, read);
            for (RunningChecksum checksum : running.values()) checksum.update(buffer.array(), 0, read);
            target.write(buffer.array(), 0, read);
            done += read;
        }
        Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);
        running.forEach((algorithm, checksum) -> checksums.put(algorithm, algorithm.encode(checksum.result())));
        return new ContentDigests(HexFormat.of().formatHex(md5.digest()), checksums);
    }
}
