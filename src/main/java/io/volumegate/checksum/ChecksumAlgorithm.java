package io.volumegate.checksum;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The checksums an object can carry besides its MD5: those S3 calls flexible checksums. A
 * value is base64 of the checksum's big-endian bytes. How a protocol names them on the wire
 * is the protocol's business (S3: {@code s3.body.ChecksumHeaders}).
 */
public enum ChecksumAlgorithm {
    CRC32(4, () -> RunningChecksum.of(new CRC32(), 4)),
    CRC32C(4, () -> RunningChecksum.of(new CRC32C(), 4)),
    CRC64NVME(8, () -> RunningChecksum.of(new Crc64Nvme(), 8)),
    SHA1(20, () -> RunningChecksum.of(digest("SHA-1"))),
    SHA256(32, () -> RunningChecksum.of(digest("SHA-256")));

    private final int length;
    private final Supplier<RunningChecksum> factory;

    ChecksumAlgorithm(int length, Supplier<RunningChecksum> factory) {
        this.length = length;
        this.factory = factory;
    }

    /** Bytes in a value, before base64. */
    public int length() { return length; }

    /** A fresh computation of this checksum. */
    public RunningChecksum start() { return factory.get(); }

    /** The algorithm by its name, in any case ("CRC32", "crc32"). */
    public static Optional<ChecksumAlgorithm> fromName(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name.strip())) return Optional.of(algorithm);
        }
        return Optional.empty();
    }

    public String encode(byte[] value) { return Base64.getEncoder().encodeToString(value); }

    /**
     * The bytes of a value; anything but padded base64 of the right length is refused, rather
     * than reported later as a mismatch.
     *
     * @throws IllegalArgumentException when the value is not this algorithm's canonical base64
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
        throw new IllegalArgumentException("not a " + name() + " value");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
