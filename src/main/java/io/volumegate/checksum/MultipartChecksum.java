package io.volumegate.checksum;

import java.util.List;

/**
 * The checksum of an object assembled from parts, computed from the parts' checksums alone,
 * so Complete never re-reads the data:
 * <ul>
 *   <li>COMPOSITE: the algorithm over the concatenated binary part checksums, then
 *       {@code -<number of parts>}, as S3 computes it;</li>
 *   <li>FULL_OBJECT: the CRC of the whole object, by {@link CrcCombine} from each part's CRC
 *       and length.</li>
 * </ul>
 */
public final class MultipartChecksum {
    private MultipartChecksum() {}

    /**
     * @param partChecksums each part's checksum in base64, in object order
     * @param partSizes     each part's length in bytes, in the same order
     * @return the object's checksum as S3 shows it (base64, with {@code -N} when composite)
     */
    public static String of(ChecksumAlgorithm algorithm, ChecksumType type, List<String> partChecksums, List<Long> partSizes) {
        if (partChecksums.size() != partSizes.size()) throw new IllegalArgumentException("one size per checksum");
        if (!type.allows(algorithm)) throw new IllegalArgumentException(type + " does not allow " + algorithm);
        return type == ChecksumType.COMPOSITE ? composite(algorithm, partChecksums) : fullObject(algorithm, partChecksums, partSizes);
    }

    private static String composite(ChecksumAlgorithm algorithm, List<String> partChecksums) {
        RunningChecksum running = algorithm.start();
        for (String part : partChecksums) {
            byte[] value = algorithm.decode(part);
            running.update(value, 0, value.length);
        }
        return algorithm.encode(running.result()) + "-" + partChecksums.size();
    }

    private static String fullObject(ChecksumAlgorithm algorithm, List<String> partChecksums, List<Long> partSizes) {
        long crc = 0; // the CRC of no bytes, for every CRC whose init and xorout are all ones
        for (int i = 0; i < partChecksums.size(); i++) {
            crc = CrcCombine.combine(algorithm, crc, toLong(algorithm.decode(partChecksums.get(i))), partSizes.get(i));
        }
        byte[] bytes = new byte[algorithm.length()];
        for (int i = bytes.length - 1; i >= 0; i--, crc >>>= 8) bytes[i] = (byte) crc;
        return algorithm.encode(bytes);
    }

    /** Big-endian bytes, as S3 encodes a CRC, to the value {@link java.util.zip.Checksum} gives. */
    private static long toLong(byte[] bigEndian) {
        long value = 0;
        for (byte b : bigEndian) value = (value << 8) | (b & 0xFF);
        return value;
    }
}
