package io.volumegate.it;

import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Helpers shared by the object integration tests: buckets, plain puts and gets, digests,
 * S3 error assertions, and the on-disk checks (the bucket's temp folder).
 */
abstract class ObjectTestBase extends ServerTestBase {

    /** Creates the bucket unless it exists (IT classes share the volume); its directory. */
    protected Path bucket(String name) {
        try {
            server.s3().createBucket(b -> b.bucket(name));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // an earlier test of the class made it
        }
        Path directory = server.volume().resolve(name);
        assertTrue(Files.isDirectory(directory), "bucket " + name + " is a directory on the volume");
        return directory;
    }

    protected RawS3 raw() {
        return RawS3.on(server);
    }

    /** PutObject through the SDK; the ETag it answered. */
    protected String put(String bucket, String key, byte[] content) {
        return server.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)).eTag();
    }

    protected ResponseBytes<GetObjectResponse> get(String bucket, String key) {
        return server.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key));
    }

    /** Asserts the SDK call fails with this HTTP status and S3 error code; returns the error. */
    protected static S3Exception assertS3Error(int status, String code, Executable call) {
        S3Exception error = assertThrows(S3Exception.class, call);
        assertEquals(status, error.statusCode(), () -> "HTTP status of " + error);
        if (code != null) {
            assertEquals(code, error.awsErrorDetails().errorCode(), () -> "error code of " + error);
        }
        return error;
    }

    /** Asserts a raw response is this S3 error, body and all. */
    protected static void assertRawError(int status, String code, HttpResponse<byte[]> response) {
        String body = RawS3.text(response);
        assertEquals(status, response.statusCode(), () -> "status; body: " + body);
        assertEquals(code, RawS3.errorCode(body), () -> "error code; body: " + body);
    }

    /** No upload left a temp file behind in {@code <bucket>/.volumegate/tmp}. */
    protected static void assertNoTempFiles(Path bucketDirectory) throws IOException {
        Path temp = bucketDirectory.resolve(".volumegate").resolve("tmp");
        if (!Files.isDirectory(temp)) return;
        try (Stream<Path> files = Files.list(temp)) {
            List<Path> left = files.toList();
            assertEquals(List.of(), left, "temp files left in " + temp);
        }
    }

    protected static String md5Hex(byte[] content) {
        return HexFormat.of().formatHex(digest("MD5", content));
    }

    protected static String quotedMd5(byte[] content) {
        return '"' + md5Hex(content) + '"';
    }

    protected static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
