package io.volumegate.s3.body;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 computes for every object that arrives without one. The JDK
 * has no 64-bit CRC, so this is the classic reflected table-driven CRC (polynomial
 * 0xAD93D23594C93659, initial value and final XOR all ones), sliced by eight: eight tables
 * let the loop fold in a whole little-endian long per step instead of one byte, which is
 * several times faster and keeps up with a disk.
 */
public final class Crc64Nvme implements Checksum {
    /** The polynomial 0xAD93D23594C93659 bit-reversed, as a reflected CRC shifts right. */
    private static final long POLY_REFLECTED = 0x9A6C9329AC4BC9B5L;
    private static final long[][] TABLES = tables();
    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long crc = ~0L;

    @Override
    public void update(int b) {
        crc = TABLES[0][(int) (crc ^ b) & 0xFF] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] data, int offset, int length) {
        long c = crc;
        int end = offset + length;
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
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

    /** TABLES[0] is the byte-at-a-time table; TABLES[k] advances a byte through k more zero bytes. */
    private static long[][] tables() {
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
}
