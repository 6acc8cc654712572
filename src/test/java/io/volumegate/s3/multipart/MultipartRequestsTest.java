package io.volumegate.s3.multipart;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.CompletionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the multipart operations read their requests: checksum choice, Complete's claims and body. */
class MultipartRequestsTest {
    @Test
    void createWithoutAnAlgorithmGetsFullObjectCrc64nvme() {
        UploadChecksumChoice choice = UploadChecksumChoice.from(headers(Map.of()));
        assertEquals(ChecksumAlgorithm.CRC64NVME, choice.algorithm());
        assertEquals(ChecksumType.FULL_OBJECT, choice.type());
        assertFalse(choice.requested());
    }

    @Test
    void createWithAnAlgorithmDefaultsToS3sTypeForIt() {
        assertEquals(ChecksumType.COMPOSITE, UploadChecksumChoice.from(headers(Map.of("x-amz-checksum-algorithm", "crc32"))).type());
        assertEquals(ChecksumType.FULL_OBJECT, UploadChecksumChoice.from(headers(Map.of("x-amz-checksum-algorithm", "CRC64NVME"))).type());
        UploadChecksumChoice full = UploadChecksumChoice.from(headers(Map.of("x-amz-checksum-algorithm", "CRC32C",
                "x-amz-checksum-type", "FULL_OBJECT")));
        assertEquals(ChecksumType.FULL_OBJECT, full.type());
        assertTrue(full.requested());
    }

    @Test
    void createRefusesPairingsS3Refuses() {
        refused(S3Error.INVALID_REQUEST, () -> UploadChecksumChoice.from(headers(Map.of("x-amz-checksum-type", "COMPOSITE"))));
        refused(S3Error.INVALID_REQUEST, () -> UploadChecksumChoice.from(headers(Map.of("x-amz-checksum-algorithm", "SHA256",
                "x-amz-checksum-type", "FULL_OBJECT"))));
        refused(S3Error.INVALID_REQUEST, () -> UploadChecksumChoice.from(headers(Map.of("x-amz-checksum-algorithm", "CRC64NVME",
                "x-amz-checksum-type", "COMPOSITE"))));
        refused(S3Error.INVALID_REQUEST, () -> UploadChecksumChoice.from(headers(Map.of("x-amz-checksum-algorithm", "MD4"))));
    }

    @Test
    void completeReadsTheClaimsAboutTheWholeObject() {
        CompletionRequest claims = CompleteRequest.claims(headers(Map.of("x-amz-checksum-crc32", "wpn7tg==",
                "x-amz-checksum-type", "full_object", "x-amz-mp-object-size", "10")));
        assertEquals(ChecksumAlgorithm.CRC32, claims.checksumAlgorithm());
        assertEquals("wpn7tg==", claims.checksum());
        assertEquals(ChecksumType.FULL_OBJECT, claims.checksumType());
        assertEquals(10, claims.objectSize());
        assertNull(CompleteRequest.claims(headers(Map.of())).checksumAlgorithm());
        refused(S3Error.INVALID_REQUEST, () -> CompleteRequest.claims(headers(Map.of("x-amz-mp-object-size", "-1"))));
        refused(S3Error.INVALID_REQUEST, () -> CompleteRequest.claims(headers(Map.of("x-amz-checksum-crc32", "a",
                "x-amz-checksum-crc32c", "b"))));
    }

    @Test
    void completeReadsItsPartsAndRefusesAnythingElse() {
        CompletionRequest none = CompleteRequest.claims(headers(Map.of()));
        CompletionRequest parsed = CompleteRequest.withBody(none, xml("<CompleteMultipartUpload><Part><PartNumber> 2 </PartNumber><ETag>\"e\"</ETag>"
                + "<ChecksumCRC32>NhCmhg==</ChecksumCRC32></Part><Part><PartNumber>5</PartNumber><ETag>f</ETag></Part>"
                + "</CompleteMultipartUpload>"));
        assertEquals(2, parsed.parts().size());
        assertEquals(2, parsed.parts().get(0).number());
        assertEquals(Map.of("CRC32", "NhCmhg=="), parsed.parts().get(0).checksums());
        refused(S3Error.MALFORMED_XML, () -> CompleteRequest.withBody(none, xml("<CompleteMultipartUpload/>")));
        refused(S3Error.MALFORMED_XML, () -> CompleteRequest.withBody(none, xml("<CompleteMultipartUpload><Part><PartNumber>x</PartNumber>"
                + "<ETag>e</ETag></Part></CompleteMultipartUpload>")));
        refused(S3Error.MALFORMED_XML, () -> CompleteRequest.withBody(none, xml("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>"
                + "</Part></CompleteMultipartUpload>")));
        refused(S3Error.INVALID_PART_ORDER, () -> CompleteRequest.withBody(none, xml("<CompleteMultipartUpload><Part><PartNumber>2</PartNumber>"
                + "<ETag>e</ETag></Part><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>")));
        StringBuilder tooMany = new StringBuilder("<CompleteMultipartUpload>");
        for (int n = 1; n <= 10_001; n++) tooMany.append("<Part><PartNumber>").append(n).append("</PartNumber><ETag>e</ETag></Part>");
        refused(S3Error.MALFORMED_XML, () -> CompleteRequest.withBody(none, xml(tooMany.append("</CompleteMultipartUpload>").toString())));
    }

    private static java.util.function.Function<String, String> headers(Map<String, String> values) {
        return name -> values.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    private static byte[] xml(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void refused(S3Error expected, Executable action) {
        S3Exception e = io.volumegate.s3.S3Refusals.refusal(action);
        assertEquals(expected, e.error(), e.getMessage());
    }
}
