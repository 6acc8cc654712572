package io.volumegate.s3.multipart;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.RunningChecksum;
import io.volumegate.s3.copy.OpenedCopySource;
import io.volumegate.storage.multipart.PartDigests;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The digests of a part that UploadPartCopy stages from a copy source: MD5 (the part's ETag)
 * and the upload's checksum algorithm, computed over exactly the bytes
 * {@link io.volumegate.storage.multipart.MultipartStaging#copyPart} writes into the part.
 *
 * <p>{@link #finish()} runs after the last byte and before the part is committed, so it is
 * where we ask whether the source file stayed the same while it was read: a program that
 * rewrote it in place (not through S3, which replaces files by rename) could have handed us
 * a mix of old and new bytes. Refusing then leaves the previous part of that number in place
 * and tells the client to retry (503), as CopyObject does.
 */
final class CopiedPartDigests implements PartDigests {
    /** Whether the source is still the file that was opened; see {@link OpenedCopySource#unchanged()}. */
    interface SourceCheck {
        boolean unchanged() throws IOException;
    }

    private final MessageDigest md5;
    private final ChecksumAlgorithm algorithm;
    private final RunningChecksum checksum;
    private final SourceCheck source;
    private String md5Hex;
    private String checksumValue;

    CopiedPartDigests(ChecksumAlgorithm algorithm, SourceCheck source) {
        this.md5 = md5();
        this.algorithm = algorithm;
        this.checksum = algorithm.start();
        this.source = source;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        md5.update(data, offset, length);
        checksum.update(data, offset, length);
    }

    @Override
    public void finish() throws IOException {
        if (!source.unchanged()) throw OpenedCopySource.sourceChanged();
        md5Hex = HexFormat.of().formatHex(md5.digest());
        checksumValue = algorithm.encode(checksum.result());
    }

    @Override
    public String md5Hex() { return md5Hex; }

    @Override
    public Map<String, String> checksums() { return Map.of(algorithm.name(), checksumValue); }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
