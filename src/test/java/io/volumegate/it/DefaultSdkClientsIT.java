package io.volumegate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The AWS SDK for Java v2 at its DEFAULT settings: since 2025 it sends aws-chunked bodies
 * with signed or unsigned trailing CRC32 checksums and validates checksums on download. Each
 * upload must land on the volume byte for byte, with no chunk framing inside.
 */
class DefaultSdkClientsIT extends ServerTestBase {
    private static final String BUCKET = "defaultsdkclientsit";
    private static final byte[] DATA = randomBytes(3 * 1024 * 1024 + 17);

    private S3Client sync;
    private S3AsyncClient async;

    @BeforeEach
    void clients() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.adminAccessKey(), server.adminSecretKey()));
        URI endpoint = URI.create("http://127.0.0.1:" + server.port());
        sync = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .forcePathStyle(true).build();
        async = S3AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials)
                .forcePathStyle(true).build();
        if (!Files.isDirectory(server.volume().resolve(BUCKET))) sync.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void close() {
        sync.close();
        async.close();
    }

    @Test
    void syncPutFromBytesLandsVerbatimAndEchoesItsChecksum() throws Exception {
        PutObjectResponse put = sync.putObject(b -> b.bucket(BUCKET).key("sync/bytes.bin"), RequestBody.fromBytes(DATA));
        assertNotNull(put.checksumCRC32(), "the server echoes the checksum the SDK sent");
        assertArrayEquals(DATA, Files.readAllBytes(server.volume().resolve(BUCKET).resolve("sync/bytes.bin")));
        assertEquals(md5Etag(DATA), put.eTag());
    }

    @Test
    void syncPutFromFile(@TempDir Path temp) throws Exception {
        Path source = temp.resolve("source.bin");
        Files.write(source, DATA);
        sync.putObject(b -> b.bucket(BUCKET).key("sync/file.bin"), RequestBody.fromFile(source));
        assertArrayEquals(DATA, Files.readAllBytes(server.volume().resolve(BUCKET).resolve("sync/file.bin")));
    }

    @Test
    void syncPutFromStreamOfUnknownLength() throws Exception {
        sync.putObject(b -> b.bucket(BUCKET).key("sync/stream.bin"),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(DATA), "application/octet-stream"));
        assertArrayEquals(DATA, Files.readAllBytes(server.volume().resolve(BUCKET).resolve("sync/stream.bin")));
    }

    @Test
    void syncGetValidatesTheChecksum() {
        sync.putObject(b -> b.bucket(BUCKET).key("sync/checked.bin"), RequestBody.fromBytes(DATA));
        ResponseBytes<GetObjectResponse> got = sync.getObject(
                b -> b.bucket(BUCKET).key("sync/checked.bin").checksumMode(ChecksumMode.ENABLED), ResponseTransformer.toBytes());
        assertArrayEquals(DATA, got.asByteArray());
        assertNotNull(got.response().checksumCRC32(), "GET with checksum mode returns the stored checksum");
    }

    @Test
    void asyncPutFromBytesAndFile(@TempDir Path temp) throws Exception {
        async.putObject(b -> b.bucket(BUCKET).key("async/bytes.bin"), AsyncRequestBody.fromBytes(DATA)).get(60, TimeUnit.SECONDS);
        Path source = temp.resolve("source.bin");
        Files.write(source, DATA);
        async.putObject(b -> b.bucket(BUCKET).key("async/file.bin"), AsyncRequestBody.fromFile(source)).get(60, TimeUnit.SECONDS);
        // A publisher of unknown length is refused by the async SDK itself, before any request
        // ("Content-Length header must be specified"); the sync client covers unknown lengths.

        Path bucket = server.volume().resolve(BUCKET);
        assertArrayEquals(DATA, Files.readAllBytes(bucket.resolve("async/bytes.bin")));
        assertArrayEquals(DATA, Files.readAllBytes(bucket.resolve("async/file.bin")));
    }

    @Test
    void asyncGetValidatesTheChecksum() throws Exception {
        async.putObject(b -> b.bucket(BUCKET).key("async/checked.bin"), AsyncRequestBody.fromBytes(DATA)).get(60, TimeUnit.SECONDS);
        ResponseBytes<GetObjectResponse> got = async.getObject(
                b -> b.bucket(BUCKET).key("async/checked.bin").checksumMode(ChecksumMode.ENABLED),
                AsyncResponseTransformer.toBytes()).get(60, TimeUnit.SECONDS);
        assertArrayEquals(DATA, got.asByteArray());
    }

    private static String md5Etag(byte[] data) throws Exception {
        return "\"" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(data)) + "\"";
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
