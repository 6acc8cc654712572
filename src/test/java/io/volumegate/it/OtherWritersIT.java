package io.volumegate.it;

import io.volumegate.storage.ForeignLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Another program writing an object's file holds a POSIX lock on it (fcntl/lockf, from another
 * process here): PutObject, DeleteObject, CopyObject onto it and CompleteMultipartUpload onto it
 * answer 409 Conflict and change nothing, while GET and HEAD go on; once the lock is let go,
 * writes succeed again.
 */
class OtherWritersIT extends ServerTestBase {
    private static final String BUCKET = "otherwritersit";

    @BeforeEach
    void bucket() {
        if (!Files.isDirectory(server.volume().resolve(BUCKET))) server.s3().createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void writesOntoALockedFileAreConflictsAndReadsGoOn() throws Exception {
        S3Client s3 = server.s3();
        Path file = Files.writeString(server.volume().resolve(BUCKET).resolve("ledger.txt"), "the other program's ledger");
        s3.putObject(b -> b.bucket(BUCKET).key("source.txt"), RequestBody.fromString("a copy source"));
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("ledger.txt")).uploadId();
        String etag = s3.uploadPart(b -> b.bucket(BUCKET).key("ledger.txt").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("a part")).eTag();

        try (ForeignLock lock = ForeignLock.posix(file)) {
            assertConflict(() -> s3.putObject(b -> b.bucket(BUCKET).key("ledger.txt"), RequestBody.fromString("ours")));
            assertConflict(() -> s3.deleteObject(b -> b.bucket(BUCKET).key("ledger.txt")));
            assertConflict(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("source.txt")
                    .destinationBucket(BUCKET).destinationKey("ledger.txt")));
            assertConflict(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("ledger.txt").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
            assertEquals("the other program's ledger",
                    s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("ledger.txt")).asUtf8String(), "reads are not blocked");
            assertEquals(26L, s3.headObject(b -> b.bucket(BUCKET).key("ledger.txt")).contentLength());
            assertEquals("the other program's ledger", Files.readString(file));
            assertEquals(1, s3.listParts(b -> b.bucket(BUCKET).key("ledger.txt").uploadId(uploadId)).parts().size(),
                    "the refused Complete left the upload as it was");
        }
        s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("ledger.txt").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertEquals("a part", Files.readString(file), "once the lock is let go, the write goes through");
    }

    /** 409 Conflict; a Complete's error may come inside its early 200 (keep-alive), so the code is what counts there. */
    private static void assertConflict(Supplier<?> call) {
        S3Exception e = assertThrows(S3Exception.class, call::get);
        assertEquals("Conflict", e.awsErrorDetails().errorCode(), e::getMessage);
        if (e.statusCode() != 200) assertEquals(409, e.statusCode());
    }
}
