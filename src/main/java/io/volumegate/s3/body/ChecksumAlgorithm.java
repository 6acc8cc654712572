package io.volumegate.s3.body;

import io.volumegate.http.S3Error;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The flexible checksums S3 accepts on uploads. Each travels as {@code x-amz-checksum-<name>}
 * (a header, or a trailer of an aws-chunked body) holding base64 of its big-endian bytes.
 */
public enum ChecksumAlgorithm {
    CRC32(4, () -> RunningChecksum.of(new CRC32(), 4)),
    CRC32C(4, () -> RunningChecksum.of(new CRC32C(), 4)),
    CRC64NVME(8, () -> RunningChecksum.of(new Crc64Nvme(), 8)),
    SHA1(20, () -> RunningChecksum.of(digest("SHA-1"))),
    SHA256(32, () -> RunningChecksum.of(digest("SHA-256")));

    private static final String HEADER_PREFIX = "x-amz-checksum-";

    private final int length;
    private final Supplier<RunningChecksum> factory;
    private final String headerName = HEADER_PREFIX + name().toLowerCase(Locale.ROOT);

    ChecksumAlgorithm(int length, Supplier<RunningChecksum> factory) {
        this.length = length;
        this.factory = factory;
    }

    /** The header (or trailer) carrying this checksum, e.g. {@code x-amz-checksum-crc32c}. */
    public String headerName() { return headerName; }

    /** Bytes in a value, before base64. */
    public int length() { return length; }

    /** A fresh computation of this checksum. */
    public RunningChecksum start() { return factory.get(); }

    /** The algorithm as named in x-amz-sdk-checksum-algorithm, in any case ("CRC32", "crc32"). */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name.strip())) return Optional.of(algorithm);
        }
        return Optional.empty();
    }

    /** The algorithm whose header (or trailer) this is, in any case. */
    public static Optional<ChecksumAlgorithm> fromHeaderName(String headerName) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.headerName.equalsIgnoreCase(headerName.strip())) return Optional.of(algorithm);
        }
        return Optional.empty();
    }

    public String encode(byte[] value) { return Base64.getEncoder().encodeToString(value); }

    /**
     * The bytes of a value the client sent; anything but padded base64 of the right length
     * is refused, as S3 does, rather than reported later as a mismatch.
     */
    public byte[] decode(String base64) {
        try {
            String text = base64.strip();
            byte[] value = Base64.getDecoder().decode(text);
            // The JDK decoder also takes unpadded text; only the canonical form is a valid value.
            if (value.length == length && encode(value).equals(text)) return value;
        } catch (IllegalArgumentException e) {
            // not base64: refused below
        }
        throw S3Error.INVALID_REQUEST.exception("Value for " + headerName + " header is invalid.");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
