package io.volumegate.checksum;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChecksumAlgorithmTest {
    private static String checksum(ChecksumAlgorithm algorithm, byte[] data) {
        RunningChecksum running = algorithm.start();
        running.update(data, 0, data.length);
        return algorithm.encode(running.result());
    }

    // Expected values computed independently with python3 (zlib.crc32, hashlib, and a bitwise
    // reflected CRC for CRC32C and CRC64NVME), base64 of the big-endian bytes as S3 sends them.
    @ParameterizedTest
    @CsvSource({
            "CRC32,     123456789,   y/Q5Jg==",
            "CRC32C,    123456789,   4waSgw==",
            "CRC64NVME, 123456789,   rosUhgp5mIg=",
            "SHA1,      123456789,   98O8HYCOBHMq32eZZczDTKeuNEE=",
            "SHA256,    123456789,   FeKw08M4keuw8e9gnsQZQgwg4yDOlMZfvIwzEkSOsiU=",
            "CRC32,     hello world, DUoRhQ==",
            "CRC32C,    hello world, yZRlqg==",
            "CRC64NVME, hello world, jSnVw/bqjr4=",
            "SHA1,      hello world, Kq5sNclPz7QV2+lfQIuc6R7oRu0=",
            "SHA256,    hello world, uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
            "CRC32,     '',          AAAAAA==",
            "CRC32C,    '',          AAAAAA==",
            "CRC64NVME, '',          AAAAAAAAAAA=",
            "SHA1,      '',          2jmj7l5rSw0yVb/vlWAYkK/YBwk=",
            "SHA256,    '',          47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
    })
    void knownValues(ChecksumAlgorithm algorithm, String input, String base64) {
        assertEquals(base64, checksum(algorithm, input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void awsTrailerExampleValue() {
        // AWS's trailing-header example sends x-amz-checksum-crc32c:sOO8/Q== for 66560 bytes of 'a'.
        byte[] a = new byte[66560];
        Arrays.fill(a, (byte) 'a');
        assertEquals("sOO8/Q==", checksum(ChecksumAlgorithm.CRC32C, a));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void streamingInSlicesEqualsOneShot(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[70_001];
        Random random = new Random(algorithm.ordinal());
        random.nextBytes(data);
        RunningChecksum running = algorithm.start();
        for (int pos = 0; pos < data.length; ) {
            int n = Math.min(random.nextInt(5000), data.length - pos);
            running.update(data, pos, n);
            pos += n;
        }
        byte[] result = running.result();
        assertEquals(algorithm.length(), result.length);
        assertEquals(checksum(algorithm, data), algorithm.encode(result));
    }

    @Test
    void names() {
        assertEquals(Optional.of(ChecksumAlgorithm.CRC64NVME), ChecksumAlgorithm.fromName("crc64nvme"));
        assertEquals(Optional.of(ChecksumAlgorithm.SHA256), ChecksumAlgorithm.fromName("SHA256"));
        assertEquals(Optional.empty(), ChecksumAlgorithm.fromName("MD5"));
        assertEquals(Optional.empty(), ChecksumAlgorithm.fromName("SHA-256"));
    }

    @Test
    void decodingAcceptsOnlyBase64OfTheRightLength() {
        assertArrayEquals(new byte[] {(byte) 0xCB, (byte) 0xF4, 0x39, 0x26}, ChecksumAlgorithm.CRC32.decode("y/Q5Jg=="));
        for (String bad : new String[] {"y/Q5Jg", "rosUhgp5mIg=", "not base64!", "", "y/Q5Jg==y/Q5Jg=="}) {
            assertThrows(IllegalArgumentException.class, () -> ChecksumAlgorithm.CRC32.decode(bad), bad);
        }
    }
}
