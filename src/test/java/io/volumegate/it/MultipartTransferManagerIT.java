package io.volumegate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedFileDownload;
import software.amazon.awssdk.transfer.s3.model.CompletedFileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java SDK's S3TransferManager at its default settings (without the CRT on the class
 * path it drives the Java async client with multipart enabled: 8 MiB parts, aws-chunked
 * bodies with trailing checksums, parallel parts) moves a 100 MiB file up and back down.
 */
class MultipartTransferManagerIT extends ServerTestBase {
    private static final String BUCKET = "multiparttransfermanagerit";
    private static final long SIZE = 100L << 20;

    @TempDir
    Path temp;

    @AfterEach
    void removeTheBigObject() throws IOException {
        Files.deleteIfExists(server.volume().resolve(BUCKET).resolve("big/hundred.bin"));
    }

    @Test
    void aHundredMebibytesGoUpInPartsAndComeBackIdentical() throws Exception {
        Path source = temp.resolve("source.bin");
        String sent = writeRandomFile(source, SIZE);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.adminAccessKey(), server.adminSecretKey()));
        // What S3TransferManager.create() builds when the CRT is absent, pointed at our server.
        try (S3AsyncClient client = S3AsyncClient.builder().multipartEnabled(true)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).forcePathStyle(true).build();
             S3TransferManager transfers = S3TransferManager.builder().s3Client(client).build()) {
            client.createBucket(b -> b.bucket(BUCKET)).join();

            long started = System.nanoTime();
            CompletedFileUpload upload = transfers.uploadFile(u -> u.source(source)
                    .putObjectRequest(p -> p.bucket(BUCKET).key("big/hundred.bin"))).completionFuture().join();
            long uploadMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(upload.response().eTag().endsWith("-13\""), "13 parts of 8 MiB: " + upload.response().eTag());

            Path onDisk = server.volume().resolve(BUCKET).resolve("big/hundred.bin");
            assertEquals(SIZE, Files.size(onDisk));
            assertEquals(sent, sha256(onDisk), "the object is the file, byte for byte");
            HeadObjectResponse head = client.headObject(b -> b.bucket(BUCKET).key("big/hundred.bin").partNumber(1)).join();
            assertEquals(13, head.partsCount());

            Path downloaded = temp.resolve("downloaded.bin");
            started = System.nanoTime();
            CompletedFileDownload download = transfers.downloadFile(d -> d.destination(downloaded)
                    .getObjectRequest(g -> g.bucket(BUCKET).key("big/hundred.bin"))).completionFuture().join();
            long downloadMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(upload.response().eTag(), download.response().eTag());
            assertEquals(sent, sha256(downloaded), "the download is the file, byte for byte");
            System.out.printf("S3TransferManager 100 MiB: upload %d ms, download %d ms%n", uploadMillis, downloadMillis);
        }
    }

    /** Random content (so no filesystem can compress or dedupe it), returning its SHA-256. */
    static String writeRandomFile(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(size);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                random.nextBytes(buffer);
                int n = (int) Math.min(buffer.length, size - written);
                out.write(buffer, 0, n);
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
