package io.volumegate.it;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writes {@link CrashAuditIT} cuts short, and the audit after the restart. Every write is
 * reproducible from its id (its bytes are a seeded stream), so the audit can tell, for the
 * bytes found at a key, which write made them, and that they are all of that write.
 */
final class CrashWrites {
    private static final int MIB = 1024 * 1024;

    /** How a write's body travels. */
    enum Kind {
        /** The SDK's default for a known length: aws-chunked with a trailing CRC32. */
        SDK_AWS_CHUNKED,
        /** The SDK with a stream of unknown length: aws-chunked, no Content-Length. */
        SDK_UNKNOWN_LENGTH,
        /** A plain body, its SHA-256 signed (no framing). */
        PLAIN,
        /** CreateMultipartUpload, UploadPart each part, CompleteMultipartUpload. */
        MULTIPART
    }

    /** One write the test attempts, and what the client heard of it. */
    static final class Attempt {
        final int id;
        final String key;
        final Kind kind;
        final List<Integer> partSizes;
        volatile boolean acknowledged;
        volatile String uploadId;
        final Set<Integer> acknowledgedParts = ConcurrentHashMap.newKeySet();

        Attempt(int id, String key, Kind kind, List<Integer> partSizes) {
            this.id = id;
            this.key = key;
            this.kind = kind;
            this.partSizes = partSizes;
        }

        boolean acknowledged() { return acknowledged; }

        byte[] part(int index) { return bytes(id * 1000 + index, partSizes.get(index)); }

        byte[] content() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < partSizes.size(); i++) all.writeBytes(part(i));
            return all.toByteArray();
        }

        String etag() {
            if (kind != Kind.MULTIPART) return "\"" + md5Hex(content()) + "\"";
            ByteArrayOutputStream md5s = new ByteArrayOutputStream();
            for (int i = 0; i < partSizes.size(); i++) md5s.writeBytes(HexFormat.of().parseHex(md5Hex(part(i))));
            return "\"" + md5Hex(md5s.toByteArray()) + "-" + partSizes.size() + "\"";
        }
    }

    /** What the audit found. */
    record Audit(int keys, int present, int fromAcknowledged, int listableUploads, int completedNow) {
    }

    private CrashWrites() {}

    /** {@code count} writes over {@code keys} keys, so that several race for some keys; every kind, many sizes. */
    static List<Attempt> plan(int count, int keys) {
        List<Attempt> attempts = new ArrayList<>();
        int[] singleSizes = {0, 1, 17, 4096, 65_536 + 3, 700_000, 2 * MIB + 5};
        for (int id = 0; id < count; id++) {
            Random random = new Random(id);
            Kind kind = Kind.values()[id % Kind.values().length];
            List<Integer> sizes = kind == Kind.MULTIPART
                    ? List.of(5 * MIB, 1 + random.nextInt(MIB))
                    : List.of(id % 3 == 0 ? singleSizes[random.nextInt(singleSizes.length)] : random.nextInt(3 * MIB));
            attempts.add(new Attempt(id, "crash/key-" + (id % keys), kind, sizes));
        }
        return attempts;
    }

    static String kinds(List<Attempt> attempts) {
        return attempts.stream().collect(Collectors.groupingBy(a -> a.kind.name(), TreeMap::new, Collectors.counting())).toString();
    }

    /** Makes the write; returns once the server answered it with success (then it is acknowledged). */
    static void run(S3Client s3, PayaraMicroNode node, String bucket, Attempt attempt) {
        Map<String, String> metadata = Map.of("writer", String.valueOf(attempt.id));
        switch (attempt.kind) {
            case SDK_AWS_CHUNKED:
                s3.putObject(b -> b.bucket(bucket).key(attempt.key).metadata(metadata), RequestBody.fromBytes(attempt.content()));
                break;
            case SDK_UNKNOWN_LENGTH:
                byte[] content = attempt.content();
                s3.putObject(b -> b.bucket(bucket).key(attempt.key).metadata(metadata),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content), "application/octet-stream"));
                break;
            case PLAIN:
                plainPut(node, bucket, attempt);
                break;
            default:
                attempt.uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(attempt.key).metadata(metadata)).uploadId();
                List<CompletedPart> parts = new ArrayList<>();
                for (int i = 0; i < attempt.partSizes.size(); i++) {
                    int number = i + 1;
                    String etag = s3.uploadPart(b -> b.bucket(bucket).key(attempt.key).uploadId(attempt.uploadId).partNumber(number),
                            RequestBody.fromBytes(attempt.part(number - 1))).eTag();
                    attempt.acknowledgedParts.add(number);
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(attempt.key).uploadId(attempt.uploadId)
                        .multipartUpload(m -> m.parts(parts)));
        }
        attempt.acknowledged = true;
    }

    private static void plainPut(PayaraMicroNode node, String bucket, Attempt attempt) {
        try {
            HttpResponse<byte[]> response = RawS3.at(node.endpoint(), PayaraMicroNode.ACCESS_KEY, PayaraMicroNode.SECRET_KEY, node.http())
                    .put("/" + bucket + "/" + attempt.key).header("x-amz-meta-writer", String.valueOf(attempt.id))
                    .body(attempt.content()).send();
            if (response.statusCode() != 200) throw new IllegalStateException("PUT answered " + response.statusCode());
        } catch (IOException e) {
            throw new IllegalStateException("cut off", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads every key back through the restarted server and from the volume: absent only when
     * no write of it was acknowledged; else all of one attempted write, its ETag and metadata
     * with it. Then every multipart upload still in progress must be one of ours, its parts
     * intact: those with all their parts are completed now and must give their write's bytes.
     */
    static Audit audit(S3Client s3, Path volume, String bucket, List<Attempt> attempts) throws IOException {
        Map<String, List<Attempt>> byKey = attempts.stream().collect(Collectors.groupingBy(a -> a.key, TreeMap::new, Collectors.toList()));
        List<String> listed = s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
        assertTrue(byKey.keySet().containsAll(listed), "only keys that were written: " + listed);
        int present = 0;
        int fromAcknowledged = 0;
        for (Map.Entry<String, List<Attempt>> entry : byKey.entrySet()) {
            String key = entry.getKey();
            ResponseBytes<GetObjectResponse> read;
            try {
                read = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            } catch (NoSuchKeyException e) {
                assertTrue(entry.getValue().stream().noneMatch(Attempt::acknowledged), key + " is gone, though a write of it was answered 200");
                assertFalse(listed.contains(key));
                continue;
            }
            present++;
            String sha256 = sha256(read.asByteArray());
            Attempt maker = entry.getValue().stream().filter(a -> sha256(a.content()).equals(sha256)).findFirst().orElse(null);
            assertNotNull(maker, key + ": " + read.asByteArray().length + " bytes that are no attempted write (torn or mixed)");
            if (maker.acknowledged) fromAcknowledged++;
            assertEquals(maker.etag(), read.response().eTag(), key + ": the ETag of the bytes");
            assertEquals(String.valueOf(maker.id), read.response().metadata().get("writer"), key + ": the metadata of the bytes");
            assertEquals(sha256, sha256(Files.readAllBytes(volume.resolve(bucket).resolve(key))), key + ": the file is the object");
            assertTrue(listed.contains(key), key + " is listed");
        }
        int listable = 0;
        int completedNow = 0;
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket)).uploads()) {
            listable++;
            Attempt attempt = attempts.stream().filter(a -> upload.uploadId().equals(a.uploadId)).findFirst().orElse(null);
            List<Part> parts = s3.listPartsPaginator(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())).parts()
                    .stream().toList();
            if (attempt == null) {
                // Created just before the kill, its answer lost: no part can have been sent.
                assertTrue(parts.isEmpty(), upload.key() + ": parts in an upload no client knows of");
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                continue;
            }
            for (Part part : parts) {
                assertEquals("\"" + md5Hex(attempt.part(part.partNumber() - 1)) + "\"", part.eTag(), upload.key() + " part " + part.partNumber());
            }
            Set<Integer> numbers = parts.stream().map(Part::partNumber).collect(Collectors.toSet());
            assertTrue(numbers.containsAll(attempt.acknowledgedParts), upload.key() + ": every part answered 200 is kept");
            if (numbers.size() == attempt.partSizes.size()) {
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId())
                        .multipartUpload(m -> m.parts(parts.stream().map(p -> CompletedPart.builder().partNumber(p.partNumber())
                                .eTag(p.eTag()).build()).toList())));
                assertEquals(sha256(attempt.content()), sha256(s3.getObjectAsBytes(b -> b.bucket(bucket).key(upload.key())).asByteArray()),
                        upload.key() + ": completed after the restart, whole");
                completedNow++;
            } else {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
            }
        }
        return new Audit(byKey.size(), present, fromAcknowledged, listable, completedNow);
    }

    // ---- the large upload of the Complete test ----------------------------------------------

    /** The source of the large upload's parts, and what the object assembled from them must be. */
    record LargeSource(String sha256, String multipartEtag, long size) {
    }

    /**
     * Writes {@code count} slices of {@code size} seeded bytes to {@code file}, an object on the
     * volume (objects are files), faster than any upload: the parts are copied from it.
     */
    static LargeSource writeSource(Path file, int count, int size) throws IOException {
        Files.createDirectories(file.getParent());
        MessageDigest whole = digest("SHA-256");
        ByteArrayOutputStream md5s = new ByteArrayOutputStream();
        try (var out = Files.newOutputStream(file)) {
            for (int number = 1; number <= count; number++) {
                byte[] slice = bytes(number, size);
                out.write(slice);
                whole.update(slice);
                md5s.writeBytes(digest("MD5").digest(slice));
            }
        }
        return new LargeSource(HexFormat.of().formatHex(whole.digest()),
                "\"" + md5Hex(md5s.toByteArray()) + "-" + count + "\"", (long) count * size);
    }

    /** UploadPartCopy of each slice of the source as a part, four at a time (in-kernel copies on the server). */
    static List<CompletedPart> copyParts(S3Client s3, String bucket, String sourceKey, String key, String uploadId, int count, int size)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CompletedPart>> parts = new ArrayList<>();
            for (int number = 1; number <= count; number++) {
                int n = number;
                long first = (long) (n - 1) * size;
                parts.add(pool.submit(() -> CompletedPart.builder().partNumber(n).eTag(s3.uploadPartCopy(b -> b
                        .sourceBucket(bucket).sourceKey(sourceKey).copySourceRange("bytes=" + first + "-" + (first + size - 1))
                        .destinationBucket(bucket).destinationKey(key).uploadId(uploadId).partNumber(n)).copyPartResult().eTag()).build()));
            }
            List<CompletedPart> done = new ArrayList<>();
            for (Future<CompletedPart> part : parts) done.add(part.get());
            return done;
        } finally {
            pool.shutdownNow();
        }
    }

    /** An object read through the server without holding it in memory: its size, SHA-256 and answer. */
    record Read(long size, String sha256, GetObjectResponse response) {
    }

    static Read readDigest(S3Client s3, String bucket, String key) throws IOException {
        MessageDigest digest = digest("SHA-256");
        try (var in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            long size = 0;
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) >= 0; size += n) digest.update(buffer, 0, n);
            return new Read(size, HexFormat.of().formatHex(digest.digest()), in.response());
        }
    }

    /** Waits until a file in {@code tmp} has reached {@code atLeast} bytes; its size then, or 0 after {@code timeout}. */
    static long awaitGrowingTemp(Path tmp, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(tmp)) {
                try (var files = Files.list(tmp)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        try {
                            long size = Files.size(file);
                            if (size >= atLeast) return size;
                        } catch (IOException gone) {
                            // renamed into place meanwhile
                        }
                    }
                }
            }
            Thread.sleep(2);
        }
        return 0;
    }

    // ---- bytes -----------------------------------------------------------------------------

    static byte[] bytes(int seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
    }

    static String md5Hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest("MD5").digest(bytes));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client for many writes at once that never retries: a write cut off by the kill stays cut off. */
    static S3Client client(PayaraMicroNode node) {
        return S3Client.builder()
                .endpointOverride(node.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(PayaraMicroNode.ACCESS_KEY, PayaraMicroNode.SECRET_KEY)))
                .forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(128).socketTimeout(Duration.ofMinutes(2)))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
