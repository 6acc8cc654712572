package io.volumegate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.volumegate.it.MultipartTransferManagerIT.sha256;
import static io.volumegate.it.MultipartTransferManagerIT.writeRandomFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Python clients' managed transfers, run as the real programs: boto3's upload_file and
 * download_file (s3transfer) with small and large parts, and {@code aws s3 cp} (CLI v1)
 * both ways. Skipped only when python3 with boto3, or the aws command, is missing.
 */
class MultipartPythonClientsIT extends ServerTestBase {
    private static final String BUCKET = "multipartpythonclientsit";
    private static final long MIB = 1L << 20;
    private static final Path SCRIPT = Path.of("src/test/scripts/boto3-multipart.py");

    @TempDir
    Path temp;

    @AfterEach
    void removeBigObjects() throws IOException {
        Path bucket = server.volume().resolve(BUCKET);
        if (!Files.isDirectory(bucket)) return;
        try (Stream<Path> files = Files.walk(bucket)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(bucket.resolve(".volumegate"))).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void boto3WithFiveMebibyteParts() throws Exception {
        assumeTrue(run(List.of("python3", "-c", "import boto3"), temp).exitCode() == 0, "python3 with boto3 is not installed");
        roundTripWithBoto3("boto3/small-parts.bin", 23 * MIB, 5 * MIB, 5, 5 * MIB);
    }

    @Test
    void boto3WithSixtyFourMebibyteParts() throws Exception {
        assumeTrue(run(List.of("python3", "-c", "import boto3"), temp).exitCode() == 0, "python3 with boto3 is not installed");
        roundTripWithBoto3("boto3/large-parts.bin", 72 * MIB, 5 * MIB, 2, 64 * MIB);
    }

    @Test
    void awsCliCopiesAHundredMebibytesUpAndDown() throws Exception {
        assumeTrue(run(List.of("aws", "--version"), temp).exitCode() == 0, "the aws CLI is not installed");
        Path source = temp.resolve("cli-source.bin");
        String sent = writeRandomFile(source, 100 * MIB);
        String url = "s3://" + BUCKET + "/cli/hundred.bin";
        ExternalCommand.Result mb = run(List.of("aws", "--endpoint-url", server.endpoint().toString(), "s3", "mb", "s3://" + BUCKET), temp);
        assertTrue(mb.exitCode() == 0 || mb.output().contains("BucketAlreadyOwnedByYou"), mb.output());

        long started = System.nanoTime();
        ExternalCommand.Result up = run(List.of("aws", "--endpoint-url", server.endpoint().toString(), "s3", "cp", source.toString(), url), temp);
        long upMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, up.exitCode(), up.output());
        Path onDisk = server.volume().resolve(BUCKET).resolve("cli/hundred.bin");
        assertEquals(sent, sha256(onDisk));

        Path back = temp.resolve("cli-back.bin");
        started = System.nanoTime();
        ExternalCommand.Result down = run(List.of("aws", "--endpoint-url", server.endpoint().toString(), "s3", "cp", url, back.toString()), temp);
        long downMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, down.exitCode(), down.output());
        assertEquals(sent, sha256(back));
        System.out.printf("aws s3 cp 100 MiB: up %d ms, down %d ms%n", upMillis, downMillis);
    }

    private void roundTripWithBoto3(String key, long size, long threshold, int parts, long chunk) throws Exception {
        Path source = temp.resolve("source.bin");
        Path back = temp.resolve("back.bin");
        String sent = writeRandomFile(source, size);
        ExternalCommand.Result result = run(List.of("python3", SCRIPT.toAbsolutePath().toString(), BUCKET, key, source.toString(), back.toString(),
                Long.toString(threshold), Long.toString(chunk)), temp);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("-" + parts + "\\\""), "an ETag of " + parts + " parts: " + result.output());
        assertEquals(sent, sha256(server.volume().resolve(BUCKET).resolve(key)), "on the volume");
        assertEquals(sent, sha256(back), "downloaded");
    }

    private ExternalCommand.Result run(List<String> command, Path directory) throws Exception {
        return ExternalCommand.run(server, command, directory);
    }
}
