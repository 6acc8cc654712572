package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedCopy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UploadPartCopy through the AWS SDK v2: ranges, whole objects, its refusals, and S3TransferManager's copy. */
class MultipartPartCopyIT extends ServerTestBase {
    private static final String BUCKET = "multipartpartcopyit";
    private static final String SOURCE = "source/twelve.bin";
    private static final int HALF = 6 << 20;
    private static final byte[] TWELVE = randomBytes(2 * HALF, 12);
    private static final byte[] TAIL = randomBytes(1000, 1);

    private S3Client s3;

    @BeforeEach
    void sourceObject() {
        s3 = server.s3();
        if (!Files.isDirectory(server.volume().resolve(BUCKET))) s3.createBucket(b -> b.bucket(BUCKET));
        if (!Files.exists(file(SOURCE))) s3.putObject(b -> b.bucket(BUCKET).key(SOURCE), RequestBody.fromBytes(TWELVE));
    }

    @Test
    void twoRangesOfASourceAndAnUploadedPartMakeOneObject() throws Exception {
        String key = "joined/ranges.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key).checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
        CopyPartResult first = copyPart(key, id, 1, c -> c.copySourceRange("bytes=0-" + (HALF - 1)));
        CopyPartResult second = copyPart(key, id, 2, c -> c.copySourceRange("bytes=" + HALF + "-" + (2 * HALF - 1)));
        UploadPartResponse third = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(id).partNumber(3)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromBytes(TAIL));

        byte[] firstHalf = Arrays.copyOfRange(TWELVE, 0, HALF);
        assertEquals('"' + md5(firstHalf) + '"', first.eTag(), "a copied part's ETag is the MD5 of its bytes");
        assertEquals(crc32(firstHalf), first.checksumCRC32(), "and it has the upload's checksum");
        assertEquals(crc32(Arrays.copyOfRange(TWELVE, HALF, 2 * HALF)), second.checksumCRC32());
        assertNotNull(first.lastModified());

        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id).multipartUpload(m -> m.parts(
                part(1, first.eTag()).checksumCRC32(first.checksumCRC32()).build(),
                part(2, second.eTag()).checksumCRC32(second.checksumCRC32()).build(),
                part(3, third.eTag()).checksumCRC32(third.checksumCRC32()).build())));

        byte[] expected = new byte[TWELVE.length + TAIL.length];
        System.arraycopy(TWELVE, 0, expected, 0, TWELVE.length);
        System.arraycopy(TAIL, 0, expected, TWELVE.length, TAIL.length);
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        assertTrue(got.response().eTag().endsWith("-3\""), got.response().eTag());
        assertArrayEquals(expected, got.asByteArray());
        assertArrayEquals(expected, Files.readAllBytes(file(key)), "the file on the volume is the object");
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
    }

    @Test
    void aWholeObjectIsOnePart() throws Exception {
        String key = "joined/whole.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        CopyPartResult copied = copyPart(key, id, 1, c -> { });
        assertEquals('"' + md5(TWELVE) + '"', copied.eTag());
        assertEquals(s3.headObject(b -> b.bucket(BUCKET).key(SOURCE)).eTag(), copied.eTag());

        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id)
                .multipartUpload(m -> m.parts(part(1, copied.eTag()).build())));
        assertArrayEquals(TWELVE, Files.readAllBytes(file(key)));
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
    }

    @Test
    void refusals() {
        String key = "joined/refused.bin";
        String id = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        refused(400, "InvalidArgument", () -> copyPart(key, id, 1, c -> c.copySourceRange("bytes=0-" + TWELVE.length)));
        refused(404, "NoSuchKey", () -> copyPart(key, id, 1, c -> c.sourceKey("source/missing.bin")));
        refused(404, "NoSuchUpload", () -> copyPart(key, id + "x", 1, c -> { }));
        refused(412, "PreconditionFailed", () -> copyPart(key, id, 1, c -> c.copySourceIfMatch("\"0123456789abcdef\"")));
        assertTrue(s3.listParts(b -> b.bucket(BUCKET).key(key).uploadId(id)).parts().isEmpty(), "no refusal staged a part");
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(id));
    }

    @Test
    void theCredentialMustBeAllowedToReadTheSourceBucket() throws Exception {
        String other = BUCKET + "-other";
        if (!Files.isDirectory(server.volume().resolve(other))) s3.createBucket(b -> b.bucket(other));
        String key = "scoped/stolen.bin";
        // May write `other` (so routing lets the upload's PUT through), but not read BUCKET.
        try (S3Client writerOfOther = ScopedCredentials.client(server, Set.of(other), false)) {
            String id = writerOfOther.createMultipartUpload(b -> b.bucket(other).key(key)).uploadId();
            refused(403, "AccessDenied", () -> writerOfOther.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey(SOURCE)
                    .destinationBucket(other).destinationKey(key).uploadId(id).partNumber(1)));
            assertTrue(writerOfOther.listParts(b -> b.bucket(other).key(key).uploadId(id)).parts().isEmpty());
            writerOfOther.abortMultipartUpload(b -> b.bucket(other).key(key).uploadId(id));
        }
    }

    /** Above its multipart threshold (8 MiB by default) the transfer manager copies with UploadPartCopy. */
    @Test
    void theTransferManagerCopiesInParts() throws Exception {
        String key = "joined/transferred.bin";
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.adminAccessKey(), server.adminSecretKey()));
        try (S3AsyncClient client = S3AsyncClient.builder().multipartEnabled(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).forcePathStyle(true).build();
             S3TransferManager transfers = S3TransferManager.builder().s3Client(client).build()) {
            CompletedCopy copy = transfers.copy(c -> c.copyObjectRequest(r -> r.sourceBucket(BUCKET).sourceKey(SOURCE)
                    .destinationBucket(BUCKET).destinationKey(key))).completionFuture().join();
            String etag = copy.response().copyObjectResult().eTag();
            assertTrue(etag.endsWith("-2\""), "8 MiB + 4 MiB parts copied: " + etag);
        }
        assertArrayEquals(TWELVE, Files.readAllBytes(file(key)));
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
    }

    private CopyPartResult copyPart(String key, String uploadId, int number, Consumer<UploadPartCopyRequest.Builder> more) {
        return s3.uploadPartCopy(b -> {
            b.sourceBucket(BUCKET).sourceKey(SOURCE).destinationBucket(BUCKET).destinationKey(key)
                    .uploadId(uploadId).partNumber(number);
            more.accept(b);
        }).copyPartResult();
    }

    private static CompletedPart.Builder part(int number, String etag) {
        return CompletedPart.builder().partNumber(number).eTag(etag);
    }

    private static void refused(int status, String code, Runnable call) {
        S3Exception e = assertThrows(S3Exception.class, call::run);
        assertEquals(status, e.statusCode(), e.getMessage());
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
    }

    private Path file(String key) {
        return server.volume().resolve(BUCKET).resolve(key);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    private static String crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        long value = crc.getValue();
        return Base64.getEncoder().encodeToString(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16),
                (byte) (value >>> 8), (byte) value});
    }
}
