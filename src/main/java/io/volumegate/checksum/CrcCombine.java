package io.volumegate.checksum;

import java.util.Map;

/**
 * The CRC of two byte ranges placed end to end, from the CRC of each and the length of the
 * second, without reading a byte: how a multipart upload gets its FULL_OBJECT checksum from
 * its parts' checksums instead of re-reading gigabytes at Complete.
 *
 * <p>This is zlib's {@code crc32_combine} (the multmodp/x2nmodp form), generalised to any
 * reflected CRC whose initial value and final XOR are both all ones: CRC32, CRC32C and
 * CRC64NVME. Appending {@code n} bytes to A multiplies A's register by x^(8n) modulo the
 * polynomial in GF(2)[x]; the all-ones init and xorout cancel out, so
 * {@code crc(A‖B) = crc(A)·x^(8·len(B)) mod P  XOR  crc(B)}.
 *
 * <p>Polynomials are in reflected bit order, as the table-driven CRCs use them: the highest
 * bit of the register is the coefficient of x^0.
 */
public final class CrcCombine {
    private static final Map<ChecksumAlgorithm, CrcCombine> BY_ALGORITHM = Map.of(
            ChecksumAlgorithm.CRC32, new CrcCombine(32, 0xEDB88320L),
            ChecksumAlgorithm.CRC32C, new CrcCombine(32, 0x82F63B78L),
            ChecksumAlgorithm.CRC64NVME, new CrcCombine(64, 0x9A6C9329AC4BC9B5L));

    /** x^(2^k) mod P for k up to 3 + 63: enough for any byte length a long can hold. */
    private static final int POWERS = 67;

    private final long polynomial;
    /** The register value of the polynomial "1" (x^0): the top bit, in reflected order. */
    private final long one;
    private final long[] powersOfTwo = new long[POWERS];

    private CrcCombine(int width, long reflectedPolynomial) {
        this.polynomial = reflectedPolynomial;
        this.one = 1L << (width - 1);
        powersOfTwo[0] = one >>> 1; // x^1
        for (int k = 1; k < POWERS; k++) powersOfTwo[k] = multiply(powersOfTwo[k - 1], powersOfTwo[k - 1]);
    }

    /** Whether {@link #combine} knows the algorithm: the CRCs, not the SHA digests. */
    public static boolean supports(ChecksumAlgorithm algorithm) {
        return BY_ALGORITHM.containsKey(algorithm);
    }

    /**
     * The CRC of A followed by B.
     *
     * @param crcA    the CRC of A, as {@link java.util.zip.Checksum#getValue()} gives it
     * @param crcB    the CRC of B
     * @param lengthB B's length in bytes
     */
    public static long combine(ChecksumAlgorithm algorithm, long crcA, long crcB, long lengthB) {
        CrcCombine crc = BY_ALGORITHM.get(algorithm);
        if (crc == null) throw new IllegalArgumentException(algorithm + " is not a CRC that can be combined");
        if (lengthB < 0) throw new IllegalArgumentException("negative length " + lengthB);
        return crc.multiply(crc.xToThe8n(lengthB), crcA) ^ crcB;
    }

    /** a·b mod P. {@code a} must not be zero (powers of x never are: P has a constant term). */
    private long multiply(long a, long b) {
        long product = 0;
        for (long bit = one; bit != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= b;
                if ((a & (bit - 1)) == 0) break; // no lower coefficients left
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ polynomial : b >>> 1; // b·x mod P
        }
        return product;
    }

    /** x^(8n) mod P, by squaring: one multiplication per set bit of n. */
    private long xToThe8n(long n) {
        long power = one;
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) power = multiply(powersOfTwo[k], power);
        }
        return power;
    }
}
