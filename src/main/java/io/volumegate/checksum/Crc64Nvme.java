package io.volumegate.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 computes for every object that arrives without one. The JDK
 * has no 64-bit CRC, so this is the classic reflected table-driven CRC (polynomial
 * 0xAD93D23594C93659, initial value and final XOR all ones), sliced by eight: eight tables
 * let the loop fold in a whole little-endian long per step instead of one byte.
 * <p>
 * One CRC is a chain: each step needs the last one's result, so a single chain waits on its
 * own table lookups and leaves most of the CPU idle. Bulk input therefore goes through four
 * chains at once, over four consecutive runs of {@link #LANE} bytes, and the four results
 * are folded into one: the CRC register is linear, so "then {@code LANE} more bytes" is a
 * fixed linear map, applied with eight more tables. Measured on a 2-core AMD EPYC (JDK 17,
 * 64 KiB updates): 0.5 CPU-s per GiB instead of the single chain's 0.85 (C2), 0.7 instead
 * of 1.0 with C1 only. In a profile of an upload the single chain had cost as much CPU as
 * MD5, since every upload that sends no checksum of its own gets this one.
 */
public final class Crc64Nvme implements Checksum {
    /** The polynomial 0xAD93D23594C93659 bit-reversed, as a reflected CRC shifts right. */
    private static final long POLY_REFLECTED = 0x9A6C9329AC4BC9B5L;
    /** Bytes of one lane of a four-lane block; a multiple of 8. */
    static final int LANE = 2048;
    private static final int BLOCK = 4 * LANE;
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // One static final array per table (not a long[][]), read into locals once per call.
    private static final long[][] SLICES = slicingTables();
    /** T0 is the byte-at-a-time table; Tk advances a byte through k more zero bytes. */
    private static final long[] T0 = SLICES[0], T1 = SLICES[1], T2 = SLICES[2], T3 = SLICES[3],
            T4 = SLICES[4], T5 = SLICES[5], T6 = SLICES[6], T7 = SLICES[7];
    private static final long[][] SKIPS = skipTables(LANE);
    /** Sk: register byte k advanced through LANE zero bytes, which folds one lane into the next. */
    private static final long[] S0 = SKIPS[0], S1 = SKIPS[1], S2 = SKIPS[2], S3 = SKIPS[3],
            S4 = SKIPS[4], S5 = SKIPS[5], S6 = SKIPS[6], S7 = SKIPS[7];

    private long crc = ~0L;

    @Override
    public void update(int b) {
        crc = T0[(int) (crc ^ b) & 0xFF] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        long c = crc;
        int end = offset + length;
        final long[] t0 = T0, t1 = T1, t2 = T2, t3 = T3, t4 = T4, t5 = T5, t6 = T6, t7 = T7;
        for (; offset + BLOCK <= end; offset += BLOCK) {
            // Four independent chains; lane 0 continues the CRC so far, lanes 1-3 start from zero.
            long c0 = c, c1 = 0, c2 = 0, c3 = 0;
            for (int i = offset, laneEnd = offset + LANE; i < laneEnd; i += 8) {
                c0 ^= (long) LITTLE_ENDIAN_LONG.get(data, i);
                c1 ^= (long) LITTLE_ENDIAN_LONG.get(data, i + LANE);
                c2 ^= (long) LITTLE_ENDIAN_LONG.get(data, i + 2 * LANE);
                c3 ^= (long) LITTLE_ENDIAN_LONG.get(data, i + 3 * LANE);
                c0 = t7[(int) c0 & 0xFF] ^ t6[(int) (c0 >>> 8) & 0xFF] ^ t5[(int) (c0 >>> 16) & 0xFF]
                        ^ t4[(int) (c0 >>> 24) & 0xFF] ^ t3[(int) (c0 >>> 32) & 0xFF] ^ t2[(int) (c0 >>> 40) & 0xFF]
                        ^ t1[(int) (c0 >>> 48) & 0xFF] ^ t0[(int) (c0 >>> 56)];
                c1 = t7[(int) c1 & 0xFF] ^ t6[(int) (c1 >>> 8) & 0xFF] ^ t5[(int) (c1 >>> 16) & 0xFF]
                        ^ t4[(int) (c1 >>> 24) & 0xFF] ^ t3[(int) (c1 >>> 32) & 0xFF] ^ t2[(int) (c1 >>> 40) & 0xFF]
                        ^ t1[(int) (c1 >>> 48) & 0xFF] ^ t0[(int) (c1 >>> 56)];
                c2 = t7[(int) c2 & 0xFF] ^ t6[(int) (c2 >>> 8) & 0xFF] ^ t5[(int) (c2 >>> 16) & 0xFF]
                        ^ t4[(int) (c2 >>> 24) & 0xFF] ^ t3[(int) (c2 >>> 32) & 0xFF] ^ t2[(int) (c2 >>> 40) & 0xFF]
                        ^ t1[(int) (c2 >>> 48) & 0xFF] ^ t0[(int) (c2 >>> 56)];
                c3 = t7[(int) c3 & 0xFF] ^ t6[(int) (c3 >>> 8) & 0xFF] ^ t5[(int) (c3 >>> 16) & 0xFF]
                        ^ t4[(int) (c3 >>> 24) & 0xFF] ^ t3[(int) (c3 >>> 32) & 0xFF] ^ t2[(int) (c3 >>> 40) & 0xFF]
                        ^ t1[(int) (c3 >>> 48) & 0xFF] ^ t0[(int) (c3 >>> 56)];
            }
            // crc(lane0 lane1 lane2 lane3) = ((c0·x^L + c1)·x^L + c2)·x^L + c3, with ·x^L = skipLane.
            c = skipLane(skipLane(skipLane(c0) ^ c1) ^ c2) ^ c3;
        }
        for (; offset + 8 <= end; offset += 8) {
            c ^= (long) LITTLE_ENDIAN_LONG.get(data, offset);
            c = t7[(int) c & 0xFF] ^ t6[(int) (c >>> 8) & 0xFF] ^ t5[(int) (c >>> 16) & 0xFF]
                    ^ t4[(int) (c >>> 24) & 0xFF] ^ t3[(int) (c >>> 32) & 0xFF] ^ t2[(int) (c >>> 40) & 0xFF]
                    ^ t1[(int) (c >>> 48) & 0xFF] ^ t0[(int) (c >>> 56)];
        }
        for (; offset < end; offset++) {
            c = t0[(int) (c ^ data[offset]) & 0xFF] ^ (c >>> 8);
        }
        crc = c;
    }

    /** The CRC so far; all 64 bits are significant, so it is usually negative as a long. */
    @Override
    public long getValue() { return ~crc; }

    @Override
    public void reset() { crc = ~0L; }

    /** The register after {@link #LANE} more zero bytes. */
    private static long skipLane(long c) {
        return S0[(int) c & 0xFF] ^ S1[(int) (c >>> 8) & 0xFF] ^ S2[(int) (c >>> 16) & 0xFF]
                ^ S3[(int) (c >>> 24) & 0xFF] ^ S4[(int) (c >>> 32) & 0xFF] ^ S5[(int) (c >>> 40) & 0xFF]
                ^ S6[(int) (c >>> 48) & 0xFF] ^ S7[(int) (c >>> 56)];
    }

    /** [0] is the byte-at-a-time table; [k] advances a byte through k more zero bytes. */
    private static long[][] slicingTables() {
        long[][] tables = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int bit = 0; bit < 8; bit++) c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            tables[0][n] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                long previous = tables[k - 1][n];
                tables[k][n] = (previous >>> 8) ^ tables[0][(int) previous & 0xFF];
            }
        }
        return tables;
    }

    /**
     * [k][b]: the register holding byte b at byte k (and zeros elsewhere) after {@code zeros}
     * zero bytes. Advancing over zeros is linear, so each entry is the XOR of the advanced
     * single bits that b has set, and only those 64 need the long walk.
     */
    private static long[][] skipTables(int zeros) {
        long[] bits = new long[64];
        for (int bit = 0; bit < 64; bit++) {
            long c = 1L << bit;
            for (int i = 0; i < zeros; i++) c = (c >>> 8) ^ T0[(int) c & 0xFF];
            bits[bit] = c;
        }
        long[][] tables = new long[8][256];
        for (int k = 0; k < 8; k++) {
            for (int b = 1; b < 256; b++) {
                long value = 0;
                for (int bit = 0; bit < 8; bit++) if ((b & (1 << bit)) != 0) value ^= bits[8 * k + bit];
                tables[k][b] = value;
            }
        }
        return tables;
    }
}
