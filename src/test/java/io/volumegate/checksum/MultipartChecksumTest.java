package io.volumegate.checksum;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartChecksumTest {
    @Test
    void compositeIsTheChecksumOfTheBinaryPartChecksumsWithThePartCount() {
        // CRC32 of "hello" and "world"; expected value computed independently with Python's zlib.
        assertEquals("wpn7tg==-2", MultipartChecksum.of(ChecksumAlgorithm.CRC32, ChecksumType.COMPOSITE,
                List.of("NhCmhg==", "OncRQw=="), List.of(5L, 5L)));
    }

    @Test
    void fullObjectIsTheCrcOfTheWholeObject() {
        // CRC32("helloworld") = +esgrQ== (Python zlib)
        assertEquals("+esgrQ==", MultipartChecksum.of(ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT,
                List.of("NhCmhg==", "OncRQw=="), List.of(5L, 5L)));
    }

    @Test
    void fullObjectMatchesAOnePassChecksumForEveryCrc() {
        byte[] data = new byte[3 * 1024 * 1024 + 77];
        new Random(7).nextBytes(data);
        int[] cuts = {0, 1024 * 1024, 1024 * 1024 + 1, data.length};
        for (ChecksumAlgorithm algorithm : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC64NVME)) {
            List<String> parts = new java.util.ArrayList<>();
            List<Long> sizes = new java.util.ArrayList<>();
            for (int i = 0; i + 1 < cuts.length; i++) {
                parts.add(checksum(algorithm, data, cuts[i], cuts[i + 1] - cuts[i]));
                sizes.add((long) (cuts[i + 1] - cuts[i]));
            }
            assertEquals(checksum(algorithm, data, 0, data.length),
                    MultipartChecksum.of(algorithm, ChecksumType.FULL_OBJECT, parts, sizes), algorithm.name());
        }
    }

    @Test
    void compositeShaIsTheShaOfTheDigests() {
        byte[] a = "a".getBytes(StandardCharsets.US_ASCII);
        String sha = checksum(ChecksumAlgorithm.SHA256, a, 0, 1);
        String composite = MultipartChecksum.of(ChecksumAlgorithm.SHA256, ChecksumType.COMPOSITE, List.of(sha, sha), List.of(1L, 1L));
        byte[] twice = new byte[64];
        byte[] one = ChecksumAlgorithm.SHA256.decode(sha);
        System.arraycopy(one, 0, twice, 0, 32);
        System.arraycopy(one, 0, twice, 32, 32);
        assertEquals(checksum(ChecksumAlgorithm.SHA256, twice, 0, 64) + "-2", composite);
    }

    @Test
    void s3sPairingsOfTypeAndAlgorithm() {
        assertTrue(ChecksumType.FULL_OBJECT.allows(ChecksumAlgorithm.CRC32C));
        assertTrue(!ChecksumType.FULL_OBJECT.allows(ChecksumAlgorithm.SHA1));
        assertTrue(!ChecksumType.COMPOSITE.allows(ChecksumAlgorithm.CRC64NVME));
        assertEquals(ChecksumType.FULL_OBJECT, ChecksumType.defaultFor(ChecksumAlgorithm.CRC64NVME));
        assertEquals(ChecksumType.COMPOSITE, ChecksumType.defaultFor(ChecksumAlgorithm.CRC32));
        assertThrows(IllegalArgumentException.class, () -> MultipartChecksum.of(ChecksumAlgorithm.SHA1, ChecksumType.FULL_OBJECT,
                List.of(), List.of()));
    }

    private static String checksum(ChecksumAlgorithm algorithm, byte[] data, int offset, int length) {
        RunningChecksum running = algorithm.start();
        running.update(data, offset, length);
        return algorithm.encode(running.result());
    }
}
