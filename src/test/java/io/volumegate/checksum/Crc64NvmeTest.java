package io.volumegate.checksum;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Crc64NvmeTest {
    private static long crc(byte[] data) {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(data, 0, data.length);
        return crc.getValue();
    }

    /** The definition, one bit at a time: what the tables must agree with. */
    private static long bitwise(byte[] data, int offset, int length) {
        long crc = ~0L;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
        }
        return ~crc;
    }

    @Test
    void checkValues() {
        // The catalogue check value of CRC-64/NVME, and values from an independent implementation.
        assertEquals(0xAE8B14860A799888L, crc("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0L, crc(new byte[0]));
        assertEquals(0x8D29D5C3F6EA8EBEL, crc("hello world".getBytes(StandardCharsets.US_ASCII)));
        byte[] a = new byte[66560];
        Arrays.fill(a, (byte) 'a');
        assertEquals(0xA517FE7A6AE72FE0L, crc(a));
    }

    @Test
    void slicingByEightAgreesWithTheBitwiseDefinitionAtEveryLengthAndAlignment() {
        byte[] data = new byte[300];
        new Random(42).nextBytes(data);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; offset + length <= data.length; length += 1 + length / 8) {
                Crc64Nvme crc = new Crc64Nvme();
                crc.update(data, offset, length);
                assertEquals(bitwise(data, offset, length), crc.getValue(), "offset " + offset + " length " + length);
            }
        }
    }

    @Test
    void streamingInPiecesEqualsOneShot() {
        byte[] data = new byte[100_003];
        Random random = new Random(7);
        random.nextBytes(data);
        long expected = crc(data);
        Crc64Nvme crc = new Crc64Nvme();
        for (int pos = 0; pos < data.length; ) {
            int n = Math.min(random.nextInt(40), data.length - pos);
            if (n == 1) crc.update(data[pos]); // the single-byte path, too
            else crc.update(data, pos, n);
            pos += n;
        }
        assertEquals(expected, crc.getValue());
    }

    @Test
    void fourLaneBlocksAgreeWithTheBitwiseDefinition() {
        // Lengths around one, two and three four-lane blocks, at odd offsets, so every path
        // (blocks, then longs, then single bytes) and every way out of them is taken.
        int block = 4 * Crc64Nvme.LANE;
        byte[] data = new byte[3 * block + 64];
        new Random(11).nextBytes(data);
        for (int offset : new int[] {0, 1, 7, 13}) {
            for (int base : new int[] {block - 8, block, 2 * block, 3 * block}) {
                for (int delta = -9; delta <= 17; delta++) {
                    int length = base + delta;
                    if (length < 0 || offset + length > data.length) continue;
                    Crc64Nvme crc = new Crc64Nvme();
                    crc.update(data, offset, length);
                    assertEquals(bitwise(data, offset, length), crc.getValue(), "offset " + offset + " length " + length);
                }
            }
        }
    }

    @Test
    void bulkPiecesOfAnySizeEqualOneShot() {
        byte[] data = new byte[1 << 20];
        Random random = new Random(3);
        random.nextBytes(data);
        long expected = bitwise(data, 0, data.length);
        for (int round = 0; round < 5; round++) {
            Crc64Nvme crc = new Crc64Nvme();
            for (int pos = 0; pos < data.length; ) {
                int n = Math.min(random.nextInt(70_000), data.length - pos); // 64 KiB reads, and odd ones
                crc.update(data, pos, n);
                pos += n;
            }
            assertEquals(expected, crc.getValue(), "round " + round);
        }
    }

    @Test
    void refusesARangeOutsideTheArray() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] data = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> crc.update(data, 4, 7));
        assertThrows(IndexOutOfBoundsException.class, () -> crc.update(data, -1, 2));
    }

    @Test
    void resetStartsOver() {
        Crc64Nvme crc = new Crc64Nvme();
        crc.update(new byte[] {1, 2, 3}, 0, 3);
        crc.reset();
        crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xAE8B14860A799888L, crc.getValue());
    }
}
