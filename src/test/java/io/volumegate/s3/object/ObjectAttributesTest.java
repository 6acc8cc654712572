package io.volumegate.s3.object;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.s3.object.ObjectAttributesOperation.Attribute;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PartSizes;
import io.volumegate.storage.StoredObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectAttributesTest {
    private static StoredObject object(ObjectMetadata metadata, long size) {
        return new StoredObject("k", null, size, Instant.EPOCH, "\"0123abc-3\"", Optional.ofNullable(metadata), false, null);
    }

    private static String xml(StoredObject object, Set<Attribute> attributes, int maxParts, int marker) {
        return new String(S3Xml.write(ObjectAttributesOperation.answer(object, attributes, maxParts, marker)), StandardCharsets.UTF_8);
    }

    @Test
    void theHeaderNamesKnownAttributes() {
        assertEquals(EnumSet.of(Attribute.ETag, Attribute.ObjectSize), ObjectAttributesOperation.attributes("ETag, ObjectSize,"));
        for (String empty : new String[] {null, "", " , "}) {
            assertEquals(S3Error.INVALID_REQUEST, assertThrows(S3Exception.class, () -> ObjectAttributesOperation.attributes(empty)).error());
        }
        assertEquals(S3Error.INVALID_ARGUMENT, assertThrows(S3Exception.class, () -> ObjectAttributesOperation.attributes("ETag,etag")).error());
    }

    @Test
    void aCompositeMultipartObject() {
        ObjectMetadata metadata = ObjectMetadata.builder().putChecksum("CRC32", "AAAAAA==-3").checksumType("COMPOSITE")
                .partSizes(PartSizes.of(List.of(10L, 10L, 5L))).partChecksums(List.of("AQ==", "Ag==", "Aw==")).build();
        String all = xml(object(metadata, 25), EnumSet.allOf(Attribute.class), 1000, 0);
        assertTrue(all.contains("<GetObjectAttributesResponse xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><ETag>0123abc-3</ETag>"
                + "<Checksum><ChecksumCRC32>AAAAAA==</ChecksumCRC32><ChecksumType>COMPOSITE</ChecksumType></Checksum>"
                + "<ObjectParts><PartsCount>3</PartsCount><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>3</NextPartNumberMarker>"
                + "<MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated><Part><PartNumber>1</PartNumber><Size>10</Size>"
                + "<ChecksumCRC32>AQ==</ChecksumCRC32></Part>"), all);
        assertTrue(all.endsWith("</ObjectParts><StorageClass>STANDARD</StorageClass><ObjectSize>25</ObjectSize></GetObjectAttributesResponse>"), all);

        String page = xml(object(metadata, 25), EnumSet.of(Attribute.ObjectParts), 1, 1);
        assertTrue(page.contains("<PartNumberMarker>1</PartNumberMarker><NextPartNumberMarker>2</NextPartNumberMarker><MaxParts>1</MaxParts>"
                + "<IsTruncated>true</IsTruncated><Part><PartNumber>2</PartNumber><Size>10</Size><ChecksumCRC32>Ag==</ChecksumCRC32></Part>"
                + "</ObjectParts>"), page);
        String past = xml(object(metadata, 25), EnumSet.of(Attribute.ObjectParts), 10, 3);
        assertTrue(past.contains("<IsTruncated>false</IsTruncated></ObjectParts>"), past);
    }

    @Test
    void aSinglePutHasNoParts() {
        ObjectMetadata metadata = ObjectMetadata.builder().putChecksum("CRC64NVME", "AAAAAAAAAAA=").build();
        String all = xml(object(metadata, 3), EnumSet.allOf(Attribute.class), 1000, 0);
        assertTrue(all.contains("<Checksum><ChecksumCRC64NVME>AAAAAAAAAAA=</ChecksumCRC64NVME><ChecksumType>FULL_OBJECT</ChecksumType></Checksum>"
                + "<StorageClass>STANDARD</StorageClass><ObjectSize>3</ObjectSize>"), all);
        String foreign = xml(object(null, 3), EnumSet.allOf(Attribute.class), 1000, 0);
        assertTrue(foreign.contains("<ETag>0123abc-3</ETag><StorageClass>STANDARD</StorageClass><ObjectSize>3</ObjectSize>"), foreign);
    }
}
