package io.volumegate.it;

import io.volumegate.storage.Tmpfs;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full disk, for real: an 8 MiB tmpfs mounted over the directory of the bound bucket
 * {@code bound-share} (the test server keeps 1 MiB free for writes,
 * {@code volumegate.write.reserve-bytes} in volumegate-it.properties) and filled. Writes whose
 * size is known (Content-Length, x-amz-decoded-content-length, a copy source, a Complete's
 * parts) are refused with 507 InsufficientStorage before their body is sent; writes of unknown
 * size that run out of space midway end in 507 (or a closed connection, while the client is
 * still sending) and leave no temp file, the previous object and the upload's other parts as
 * they were, and reads working. Needs root to mount; skipped elsewhere.
 */
class CapacityIT extends ServerTestBase {
    private static final String BUCKET = "bound-share";
    private static final int MIB = 1 << 20;

    @Test
    void aFullDiskRefusesWritesAndChangesNothing() throws Exception {
        Path directory = boundShare();
        try (Tmpfs tmpfs = Tmpfs.mount(directory, "8m")) {
            S3Client s3 = server.s3();
            byte[] keep = pattern(1024, 1);
            byte[] source = pattern(2 * MIB, 2);
            byte[] part1 = pattern(2 * MIB, 3);
            put(s3, "capacity/keep.bin", keep);
            put(s3, "capacity/source.bin", source);
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key("capacity/mp.bin")).uploadId();
            String etag1 = s3.uploadPart(b -> b.bucket(BUCKET).key("capacity/mp.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part1)).eTag();
            // 2.5 MiB usable: 1.5 MiB above the reserve, less than any of the 2 MiB writes below.
            tmpfs.fillLeaving(directory.resolve("filler-1"), 2 * MIB + MIB / 2);

            // Known sizes: refused before the body (which is never sent).
            assertInsufficient(HeadersOnly.answer(server, "PUT", "/" + BUCKET + "/capacity/keep.bin",
                    signed("/" + BUCKET + "/capacity/keep.bin", "UNSIGNED-PAYLOAD", Map.of()), 2 * MIB));
            assertInsufficient(HeadersOnly.answer(server, "PUT", "/" + BUCKET + "/capacity/new.bin",
                    signed("/" + BUCKET + "/capacity/new.bin", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                            Map.of("content-encoding", "aws-chunked", "x-amz-decoded-content-length", String.valueOf(2 * MIB),
                                    "x-amz-trailer", "x-amz-checksum-crc32")), 2 * MIB + 100));
            String part2 = "/" + BUCKET + "/capacity/mp.bin?partNumber=2&uploadId=" + uploadId;
            assertInsufficient(HeadersOnly.answer(server, "PUT", part2, signed(part2, "UNSIGNED-PAYLOAD", Map.of()), 2 * MIB));
            assertS3Insufficient(() -> s3.copyObject(b -> b.sourceBucket(BUCKET).sourceKey("capacity/source.bin")
                    .destinationBucket(BUCKET).destinationKey("capacity/keep.bin")));
            assertS3Insufficient(() -> s3.uploadPartCopy(b -> b.sourceBucket(BUCKET).sourceKey("capacity/source.bin")
                    .destinationBucket(BUCKET).destinationKey("capacity/mp.bin").uploadId(uploadId).partNumber(2)));
            assertS3Insufficient(() -> s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("capacity/mp.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build()))));
            assertUntouched(s3, directory, keep, uploadId, etag1);

            // Unknown sizes (HTTP chunked): taken while above the reserve, then the disk fills midway.
            tmpfs.fillLeaving(directory.resolve("filler-2"), MIB + MIB / 2);
            try (S3Presigner presigner = server.presigner(server.adminAccessKey(), server.adminSecretKey())) {
                URI overKeep = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(r -> r.bucket(BUCKET).key("capacity/keep.bin"))).url().toURI();
                assertFailsMidway(overKeep, 3 * MIB);
                URI overPart1 = presigner.presignUploadPart(p -> p.signatureDuration(Duration.ofMinutes(5))
                        .uploadPartRequest(r -> r.bucket(BUCKET).key("capacity/mp.bin").uploadId(uploadId).partNumber(1))).url().toURI();
                assertFailsMidway(overPart1, 3 * MIB);
            }
            assertUntouched(s3, directory, keep, uploadId, etag1);
            assertEquals(List.of("capacity/keep.bin", "capacity/source.bin", "filler-1", "filler-2"),
                    s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(o -> o.key()).toList(), "reads keep working");

            // Room again: the upload whose parts were left alone completes.
            Files.delete(directory.resolve("filler-1"));
            Files.delete(directory.resolve("filler-2"));
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key("capacity/mp.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build())));
            assertArrayEquals(part1, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("capacity/mp.bin")).asByteArray());
        }
    }

    /** The directory of the bound bucket {@code bound-share} (volumegate-it.properties). */
    private static Path boundShare() {
        String binding = TestServer.setting("volumegate.buckets"); // bound-share=/path
        return Path.of(binding.substring(binding.indexOf('=') + 1));
    }

    private void assertUntouched(S3Client s3, Path directory, byte[] keep, String uploadId, String etag1) throws IOException {
        assertArrayEquals(keep, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("capacity/keep.bin")).asByteArray(),
                "the previous object is unchanged and readable");
        assertEquals(List.of(), leftovers(directory.resolve(".volumegate/tmp")), "no temp file left");
        assertEquals(List.of(), leftovers(directory.resolve(".volumegate/uploads/" + uploadId)).stream()
                .filter(name -> name.endsWith(".tmp")).toList(), "no part temp file left");
        List<Part> parts = s3.listParts(b -> b.bucket(BUCKET).key("capacity/mp.bin").uploadId(uploadId)).parts();
        assertEquals(1, parts.size());
        assertEquals(etag1, parts.get(0).eTag(), "the upload's part is as it was");
        assertTrue(Files.notExists(directory.resolve("capacity/new.bin")));
        assertTrue(Files.notExists(directory.resolve("capacity/copy.bin")));
    }

    /** A chunked body of {@code size} bytes the disk has no room for: 507, or the connection closed while sending. */
    private void assertFailsMidway(URI presigned, int size) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(presigned)
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(pattern(size, 9)))).build();
        try {
            HttpResponse<String> response = server.http().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(507, response.statusCode(), response::body);
            assertEquals("InsufficientStorage", RawS3.errorCode(response.body()), response::body);
        } catch (IOException closedWhileSending) {
            // the server answered 507 and closed the connection before the client had sent everything
        }
    }

    private Map<String, String> signed(String rawPathAndQuery, String payloadHash, Map<String, String> headers) {
        RawS3.Request request = RawS3.on(server).put(rawPathAndQuery);
        new TreeMap<>(headers).forEach(request::header);
        Map<String, String> all = new TreeMap<>(request.signedHeaders(payloadHash, Instant.now()));
        return all;
    }

    private static void assertInsufficient(String head) {
        assertTrue(head.startsWith("HTTP/1.1 507"), head);
    }

    private static void assertS3Insufficient(Supplier<?> call) {
        S3Exception e = assertThrows(S3Exception.class, call::get);
        assertEquals(507, e.statusCode(), e::getMessage);
        assertEquals("InsufficientStorage", e.awsErrorDetails().errorCode());
    }

    private static void put(S3Client s3, String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    private static List<String> leftovers(Path folder) throws IOException {
        if (Files.notExists(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) seed);
        for (int i = 0; i < size; i += 4096) bytes[i] = (byte) (i >> 12);
        return bytes;
    }
}
