package io.volumegate.s3.body;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChecksumHeadersTest {
    @Test
    void eachAlgorithmHasItsHeader() {
        assertEquals("x-amz-checksum-crc32", ChecksumHeaders.of(ChecksumAlgorithm.CRC32));
        assertEquals("x-amz-checksum-crc32c", ChecksumHeaders.of(ChecksumAlgorithm.CRC32C));
        assertEquals("x-amz-checksum-crc64nvme", ChecksumHeaders.of(ChecksumAlgorithm.CRC64NVME));
        assertEquals("x-amz-checksum-sha1", ChecksumHeaders.of(ChecksumAlgorithm.SHA1));
        assertEquals("x-amz-checksum-sha256", ChecksumHeaders.of(ChecksumAlgorithm.SHA256));
        assertEquals(Optional.of(ChecksumAlgorithm.CRC32C), ChecksumHeaders.algorithmOf("X-Amz-Checksum-CRC32C"));
        assertEquals(Optional.empty(), ChecksumHeaders.algorithmOf("x-amz-checksum-type"));
        assertEquals(Optional.empty(), ChecksumHeaders.algorithmOf("crc32"));
    }

    @Test
    void aMalformedValueIsInvalidRequestNamingItsHeader() {
        assertArrayEquals(new byte[] {(byte) 0xCB, (byte) 0xF4, 0x39, 0x26}, ChecksumHeaders.decode(ChecksumAlgorithm.CRC32, "y/Q5Jg=="));
        for (String bad : new String[] {"y/Q5Jg", "rosUhgp5mIg=", "not base64!", ""}) {
            S3Exception e = assertThrows(S3Exception.class, () -> ChecksumHeaders.decode(ChecksumAlgorithm.CRC32, bad), bad);
            assertEquals(S3Error.INVALID_REQUEST, e.error());
            assertEquals("Value for x-amz-checksum-crc32 header is invalid.", e.getMessage());
        }
    }

    @Test
    void checksumTypesInAnyCase() {
        assertEquals(ChecksumType.FULL_OBJECT, ChecksumHeaders.type("full_object"));
        assertEquals(S3Error.INVALID_REQUEST, assertThrows(S3Exception.class, () -> ChecksumHeaders.type("PARTIAL")).error());
    }
}
