package io.volumegate.s3.xml;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartXmlTest {
    @Test
    void readsCompleteRequestsWithTheS3Namespace() {
        CompleteMultipartUpload request = read("""
                <?xml version="1.0" encoding="UTF-8"?>
                <CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                  <Part><ETag>"aaa"</ETag><PartNumber>1</PartNumber><ChecksumCRC32>NhCmhg==</ChecksumCRC32></Part>
                  <Part><PartNumber>2</PartNumber><ETag>bbb</ETag></Part>
                </CompleteMultipartUpload>""");
        assertEquals(2, request.parts.size());
        assertEquals("1", request.parts.get(0).PartNumber);
        assertEquals("\"aaa\"", request.parts.get(0).ETag);
        assertEquals("NhCmhg==", request.parts.get(0).checksums().get("CRC32"));
        assertNull(request.parts.get(1).ChecksumCRC32);
    }

    @Test
    void predefinedAndCharacterEntitiesAreText() {
        // The Java SDK escapes the ETag's quotes: <ETag>&quot;...&quot;</ETag>
        CompleteMultipartUpload request = read("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>"
                + "<ETag>&quot;abc&quot;&#45;</ETag></Part></CompleteMultipartUpload>");
        assertEquals("\"abc\"-", request.parts.get(0).ETag);
    }

    @Test
    void readsCompleteRequestsWithoutANamespaceToo() {
        CompleteMultipartUpload request = read("<CompleteMultipartUpload><Part><PartNumber>7</PartNumber><ETag>x</ETag></Part>"
                + "</CompleteMultipartUpload>");
        assertEquals("7", request.parts.get(0).PartNumber);
    }

    @Test
    void refusesMalformedDocumentsAndDtds() {
        assertMalformed("<CompleteMultipartUpload><Part>");
        assertMalformed("""
                <?xml version="1.0"?>
                <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
                <CompleteMultipartUpload><Part><PartNumber>&e;</PartNumber></Part></CompleteMultipartUpload>""");
    }

    @Test
    void writesResultsInTheS3Namespace() {
        CompleteMultipartUploadResult result = new CompleteMultipartUploadResult();
        result.Bucket = "b";
        result.Key = "k";
        result.ETag = "\"abc-2\"";
        result.checksum("CRC64NVME", "AAAAAAAAAAA=");
        result.ChecksumType = "FULL_OBJECT";
        String xml = new String(S3Xml.write(result), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"), xml);
        assertTrue(xml.contains("<ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME><ChecksumType>FULL_OBJECT</ChecksumType>"), xml);
        assertTrue(xml.indexOf("<Key>") < xml.indexOf("<ETag>"), xml);
    }

    private static CompleteMultipartUpload read(String xml) {
        return S3Xml.read(xml.getBytes(StandardCharsets.UTF_8), CompleteMultipartUpload.class);
    }

    private static void assertMalformed(String xml) {
        S3Exception refused = assertThrows(S3Exception.class, () -> read(xml));
        assertEquals(S3Error.MALFORMED_XML, refused.error());
    }
}
