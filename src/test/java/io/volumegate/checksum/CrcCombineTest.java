package io.volumegate.checksum;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Combined CRCs must equal the CRC computed over the concatenated bytes in one pass. */
class CrcCombineTest {
    private static final Random RANDOM = new Random(20240611);

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void twoRangesAtEverySplitOfASmallBuffer(ChecksumAlgorithm algorithm) {
        byte[] data = bytes(300);
        long whole = crc(algorithm, data, 0, data.length);
        for (int split = 0; split <= data.length; split++) {
            long a = crc(algorithm, data, 0, split);
            long b = crc(algorithm, data, split, data.length - split);
            assertEquals(whole, CrcCombine.combine(algorithm, a, b, data.length - split), "split at " + split);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
    void manyPartsOfMegabytesFoldedLeftToRight(ChecksumAlgorithm algorithm) {
        byte[] data = bytes(9 * 1024 * 1024 + 123);
        int[] cuts = {0, 1, 5 * 1024 * 1024, 5 * 1024 * 1024 + 7, 8 * 1024 * 1024, data.length};
        long combined = crc(algorithm, data, 0, 0);
        for (int i = 0; i + 1 < cuts.length; i++) {
            int length = cuts[i + 1] - cuts[i];
            combined = CrcCombine.combine(algorithm, combined, crc(algorithm, data, cuts[i], length), length);
        }
        assertEquals(crc(algorithm, data, 0, data.length), combined);
    }

    @Test
    void knownCheckValuesSurviveASplit() {
        // "123456789" check values of the catalogue of parametrised CRC algorithms.
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(0xCBF43926L, combineAt(ChecksumAlgorithm.CRC32, check, 4));
        assertEquals(0xE3069283L, combineAt(ChecksumAlgorithm.CRC32C, check, 2));
        assertEquals(0xAE8B14860A799888L, combineAt(ChecksumAlgorithm.CRC64NVME, check, 8));
    }

    @Test
    void anEmptySecondRangeLeavesTheFirstAlone() {
        assertEquals(0x1234L, CrcCombine.combine(ChecksumAlgorithm.CRC32, 0x1234L, 0, 0));
        assertEquals(-5L, CrcCombine.combine(ChecksumAlgorithm.CRC64NVME, -5L, 0, 0));
    }

    @Test
    void onlyCrcsCombine() {
        assertTrue(CrcCombine.supports(ChecksumAlgorithm.CRC64NVME));
        assertFalse(CrcCombine.supports(ChecksumAlgorithm.SHA256));
        assertThrows(IllegalArgumentException.class, () -> CrcCombine.combine(ChecksumAlgorithm.SHA1, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> CrcCombine.combine(ChecksumAlgorithm.CRC32, 1, 2, -1));
    }

    @Test
    void hugeLengthsTakeMicroseconds() {
        // A 5 GiB second part: the combine must not depend on the length's magnitude, only its bits.
        long started = System.nanoTime();
        for (int i = 0; i < 10_000; i++) CrcCombine.combine(ChecksumAlgorithm.CRC64NVME, i, ~i, 5L << 30);
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "10,000 combines within 2 s");
    }

    private static long combineAt(ChecksumAlgorithm algorithm, byte[] data, int split) {
        return CrcCombine.combine(algorithm, crc(algorithm, data, 0, split), crc(algorithm, data, split, data.length - split),
                data.length - split);
    }

    private static long crc(ChecksumAlgorithm algorithm, byte[] data, int offset, int length) {
        Checksum crc = switch (algorithm) {
            case CRC32 -> new CRC32();
            case CRC32C -> new CRC32C();
            case CRC64NVME -> new Crc64Nvme();
            default -> throw new IllegalArgumentException(algorithm.name());
        };
        crc.update(data, offset, length);
        return crc.getValue();
    }

    private static byte[] bytes(int size) {
        byte[] data = new byte[size];
        RANDOM.nextBytes(data);
        return data;
    }
}
