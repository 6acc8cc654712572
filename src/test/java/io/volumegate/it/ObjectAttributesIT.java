package io.volumegate.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.ObjectPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetObjectAttributes with the AWS SDK for Java v2: single objects, multipart objects and their parts, versions, errors. */
class ObjectAttributesIT extends ObjectTestBase {
    private static final String BUCKET = "attributesit";
    private static final int PART = 5 * 1024 * 1024;
    private static final List<ObjectAttributes> ALL = List.of(ObjectAttributes.E_TAG, ObjectAttributes.CHECKSUM,
            ObjectAttributes.OBJECT_PARTS, ObjectAttributes.STORAGE_CLASS, ObjectAttributes.OBJECT_SIZE);

    private GetObjectAttributesResponse attributes(String bucket, String key, String versionId) {
        return server.s3().getObjectAttributes(b -> b.bucket(bucket).key(key).versionId(versionId).objectAttributes(ALL));
    }

    @Test
    void anObjectPutInOnePiece() throws Exception {
        bucket(BUCKET);
        var put = server.s3().putObject(b -> b.bucket(BUCKET).key("one.txt").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("hello"));
        HttpResponse<byte[]> raw = raw().get("/" + BUCKET + "/one.txt?attributes")
                .header("x-amz-object-attributes", "ETag,Checksum,ObjectParts,StorageClass,ObjectSize").send();
        assertTrue(RawS3.text(raw).contains("<ObjectSize>5</ObjectSize>"), RawS3.text(raw));
        GetObjectAttributesResponse answer = attributes(BUCKET, "one.txt", null);
        assertEquals(put.eTag().replace("\"", ""), answer.eTag());
        assertEquals(5L, answer.objectSize());
        assertEquals("STANDARD", answer.storageClassAsString());
        assertEquals(put.checksumSHA256(), answer.checksum().checksumSHA256());
        assertEquals(ChecksumType.FULL_OBJECT, answer.checksum().checksumType());
        assertNull(answer.objectParts());
        assertNull(answer.versionId());
        assertTrue(answer.lastModified() != null);

        var onlySize = server.s3().getObjectAttributes(b -> b.bucket(BUCKET).key("one.txt").objectAttributes(ObjectAttributes.OBJECT_SIZE));
        assertEquals(5L, onlySize.objectSize());
        assertNull(onlySize.eTag());
        assertNull(onlySize.checksum());
    }

    @Test
    void aFileAnotherProgramWroteHasNoChecksum() throws Exception {
        bucket(BUCKET);
        Files.writeString(server.volume().resolve(BUCKET).resolve("foreign.txt"), "written by hand");
        GetObjectAttributesResponse answer = attributes(BUCKET, "foreign.txt", null);
        assertEquals(15L, answer.objectSize());
        assertNull(answer.checksum());
        assertTrue(answer.eTag().contains("-"));
    }

    @Test
    void multipartObjectsListTheirPartsAPageAtATime() {
        bucket(BUCKET);
        String key = "parts.bin";
        String uploadId = server.s3().createMultipartUpload(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32)
                .checksumType(ChecksumType.COMPOSITE)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        List<String> partChecksums = new ArrayList<>();
        for (int number = 1; number <= 4; number++) {
            byte[] data = new byte[number == 4 ? 1000 : PART];
            Arrays.fill(data, (byte) number);
            int n = number;
            UploadPartResponse part = server.s3().uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(n)
                    .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(data));
            parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).checksumCRC32(part.checksumCRC32()).build());
            partChecksums.add(part.checksumCRC32());
        }
        var complete = server.s3().completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        GetObjectAttributesResponse all = attributes(BUCKET, key, null);
        assertEquals(complete.eTag().replace("\"", ""), all.eTag());
        assertEquals(3L * PART + 1000, all.objectSize());
        assertEquals(ChecksumType.COMPOSITE, all.checksum().checksumType());
        assertEquals(complete.checksumCRC32().replaceAll("-\\d+$", ""), all.checksum().checksumCRC32(), "without the part count");
        assertEquals(4, all.objectParts().totalPartsCount());
        assertEquals(false, all.objectParts().isTruncated());
        assertEquals(List.of(1, 2, 3, 4), all.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertEquals(List.of((long) PART, (long) PART, (long) PART, 1000L), all.objectParts().parts().stream().map(ObjectPart::size).toList());
        assertEquals(partChecksums, all.objectParts().parts().stream().map(ObjectPart::checksumCRC32).toList());

        var page = server.s3().getObjectAttributes(b -> b.bucket(BUCKET).key(key).objectAttributes(ObjectAttributes.OBJECT_PARTS)
                .maxParts(2).partNumberMarker(1));
        assertEquals(List.of(2, 3), page.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertEquals(true, page.objectParts().isTruncated());
        assertEquals("3", String.valueOf(page.objectParts().nextPartNumberMarker()));
        assertEquals(2, page.objectParts().maxParts());
        assertEquals("1", String.valueOf(page.objectParts().partNumberMarker()));
        var last = server.s3().getObjectAttributes(b -> b.bucket(BUCKET).key(key).objectAttributes(ObjectAttributes.OBJECT_PARTS)
                .maxParts(10).partNumberMarker(3));
        assertEquals(List.of(4), last.objectParts().parts().stream().map(ObjectPart::partNumber).toList());
        assertEquals(false, last.objectParts().isTruncated());

        // a FULL_OBJECT upload (the default CRC64NVME): its parts' sizes, no part checksums
        String plain = server.s3().createMultipartUpload(b -> b.bucket(BUCKET).key("plain.bin")).uploadId();
        String etag = server.s3().uploadPart(b -> b.bucket(BUCKET).key("plain.bin").uploadId(plain).partNumber(1),
                RequestBody.fromString("tiny")).eTag();
        server.s3().completeMultipartUpload(b -> b.bucket(BUCKET).key("plain.bin").uploadId(plain)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        GetObjectAttributesResponse full = attributes(BUCKET, "plain.bin", null);
        assertEquals(1, full.objectParts().totalPartsCount());
        assertEquals(4L, full.objectParts().parts().get(0).size());
        assertNull(full.objectParts().parts().get(0).checksumCRC64NVME());
        assertEquals(ChecksumType.FULL_OBJECT, full.checksum().checksumType());
    }

    @Test
    void versionsAndErrors() throws Exception {
        String bucket = "attributesit-versions";
        bucket(bucket);
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String first = server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("foo")).versionId();
        String second = server.s3().putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("longer")).versionId();
        assertEquals(second, attributes(bucket, "k", null).versionId());
        assertEquals(6L, attributes(bucket, "k", null).objectSize());
        assertEquals(first, attributes(bucket, "k", first).versionId());
        assertEquals(3L, attributes(bucket, "k", first).objectSize());

        assertS3Error(404, "NoSuchKey", () -> attributes(bucket, "missing", null));
        assertS3Error(404, "NoSuchVersion", () -> attributes(bucket, "k", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        server.s3().deleteObject(b -> b.bucket(bucket).key("k"));
        assertS3Error(404, "NoSuchKey", () -> attributes(bucket, "k", null));

        bucket(BUCKET);
        put(BUCKET, "x.txt", "x".getBytes());
        HttpResponse<byte[]> none = raw().get("/" + BUCKET + "/x.txt?attributes").send();
        assertRawError(400, "InvalidRequest", none);
        assertRawError(400, "InvalidArgument", raw().get("/" + BUCKET + "/x.txt?attributes").header("x-amz-object-attributes", "ETag,Color").send());
        assertRawError(400, "InvalidArgument", raw().get("/" + BUCKET + "/x.txt?attributes").header("x-amz-object-attributes", "ETag")
                .header("x-amz-max-parts", "many").send());
        HttpResponse<byte[]> ok = raw().get("/" + BUCKET + "/x.txt?attributes").header("x-amz-object-attributes", "ETag, ObjectSize").send();
        assertEquals(200, ok.statusCode(), RawS3.text(ok));
        assertTrue(RawS3.text(ok).contains("<ObjectSize>1</ObjectSize>"), RawS3.text(ok));
    }
}
