package io.volumegate.s3.object;

import io.volumegate.http.S3Exception;
import io.volumegate.http.SmallBody;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which headers count as the digest DeleteObjects requires. */
class IntegrityCheckedBodyTest {
    private static void requireDigest(Map<String, String> headers) {
        IntegrityCheckedBody.requireDigest(headers::get);
    }

    @Test
    void contentMd5OrAnyFlexibleChecksumWillDo() {
        assertDoesNotThrow(() -> requireDigest(Map.of("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")));
        assertDoesNotThrow(() -> requireDigest(Map.of("x-amz-checksum-crc32", "AAAAAA==")));
        assertDoesNotThrow(() -> requireDigest(Map.of("x-amz-checksum-crc64nvme", "AAAAAAAAAAA=")));
        assertDoesNotThrow(() -> requireDigest(Map.of("x-amz-checksum-crc32c", "AAAAAA==",
                "x-amz-sdk-checksum-algorithm", "CRC32C")));
        assertDoesNotThrow(() -> requireDigest(Map.of("x-amz-checksum-sha256", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")));
        assertDoesNotThrow(() -> requireDigest(Map.of("x-amz-trailer", "x-amz-checksum-crc32")));
    }

    @Test
    void noDigestIsInvalidRequest() {
        S3Exception e = assertThrows(S3Exception.class, () -> requireDigest(Map.of()));
        assertEquals("InvalidRequest", e.error().code());
        assertEquals(400, e.error().status());
        assertEquals("Missing required header for this request: Content-MD5", e.getMessage());
        assertEquals("InvalidRequest", assertThrows(S3Exception.class,
                () -> requireDigest(Map.of("Content-MD5", " "))).error().code());
    }

    @Test
    void anAlgorithmNameWithoutItsValueIsNoDigest() {
        assertEquals("InvalidRequest", assertThrows(S3Exception.class,
                () -> requireDigest(Map.of("x-amz-sdk-checksum-algorithm", "CRC32"))).error().code());
    }

    @Test
    void theDocumentSinkRefusesMoreThanItsLimitAsMalformedXml() throws Exception {
        SmallBody sink = SmallBody.limitedTo(8);
        sink.write("12345678".getBytes(), 0, 8);
        assertArrayEquals("12345678".getBytes(), sink.bytes());
        S3Exception e = assertThrows(S3Exception.class, () -> sink.write(new byte[1], 0, 1));
        assertEquals("MalformedXML", e.error().code());
    }
}
