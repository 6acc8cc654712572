package io.volumegate.s3.multipart;

import io.volumegate.http.S3Exception;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.s3.xml.CopyPartResult;
import io.volumegate.s3.xml.S3Xml;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopiedPartDigestsTest {
    private static final byte[] DATA = "hello world".getBytes(StandardCharsets.US_ASCII);

    @Test
    void md5AndTheUploadsChecksumOfTheBytesWritten() throws Exception {
        CopiedPartDigests digests = new CopiedPartDigests(ChecksumAlgorithm.CRC32, () -> true);
        digests.write(DATA, 0, 5);
        digests.write(DATA, 5, DATA.length - 5);
        digests.finish();
        assertEquals("5eb63bbbe01eeed093cb22bb8f5acdc3", digests.md5Hex());
        assertEquals(Map.of("CRC32", "DUoRhQ=="), digests.checksums());
    }

    @Test
    void aSourceChangedWhileReadIsRetryable() {
        CopiedPartDigests digests = new CopiedPartDigests(ChecksumAlgorithm.CRC64NVME, () -> false);
        digests.write(DATA, 0, DATA.length);
        S3Exception e = assertThrows(S3Exception.class, digests::finish);
        assertEquals(503, e.error().status());
    }

    @Test
    void copyPartResultIsInS3sNamespaceWithoutAChecksumType() {
        CopyPartResult result = new CopyPartResult();
        result.ETag = "\"abc\"";
        result.LastModified = "2024-01-01T00:00:00.000Z";
        result.ChecksumCRC32 = "DUoRhQ==";
        String xml = new String(S3Xml.write(result), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<CopyPartResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><ETag>\"abc\"</ETag>"
                + "<LastModified>2024-01-01T00:00:00.000Z</LastModified><ChecksumCRC32>DUoRhQ==</ChecksumCRC32>"
                + "</CopyPartResult>"), xml);
    }
}
