package io.volumegate.storage.multipart;

import io.volumegate.storage.Bucket;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.TestBuckets;
import io.volumegate.storage.WriteCondition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** A bucket on a temp directory with its multipart staging, and helpers to stage parts. */
final class StagingFixture {
    static final int MIB = 1 << 20;

    final Path root;
    final Bucket bucket;
    final MultipartStaging staging;

    StagingFixture(Path root) throws IOException {
        this(root, Clock.systemUTC(), CompletionHooks.NONE);
    }

    StagingFixture(Path root, Clock clock, CompletionHooks hooks) throws IOException {
        this.root = root;
        this.bucket = TestBuckets.open(root);
        this.staging = new MultipartStaging(bucket, clock, hooks);
    }

    UploadManifest create(String key) throws IOException {
        return staging.create(key, ObjectMetadata.builder().contentType("application/x-test").build(), "CRC64NVME", "FULL_OBJECT",
                false);
    }

    PartRecord stage(UploadManifest upload, int number, byte[] data) throws IOException {
        PendingPart part = staging.beginPart(upload, number);
        part.write(data, 0, data.length);
        return staging.commitPart(part, md5Hex(data), Map.of("CRC64NVME", "AAAAAAAAAAA="));
    }

    /** Completes with the given parts, as the S3 layer would after its checks. */
    CompletionRecord complete(UploadManifest upload, List<PartRecord> parts) throws IOException {
        List<RequestedPart> requested = new ArrayList<>();
        for (PartRecord part : parts) requested.add(new RequestedPart(part.number(), part.etag(), Map.of()));
        List<PartRecord> chosen = staging.resolve(upload, requested);
        List<String> md5s = chosen.stream().map(PartRecord::md5Hex).toList();
        long size = chosen.stream().mapToLong(PartRecord::size).sum();
        String etag = MultipartETag.of(md5s);
        CompletionRecord answer = new CompletionRecord(upload.key(), etag, null, null, null, size,
                RequestedPart.digestOf(requested), Instant.now(), null);
        return staging.complete(upload, chosen, upload.metadata().toBuilder().md5Hex(etag).build(), WriteCondition.NONE, answer);
    }

    Path uploads() { return root.resolve(".volumegate").resolve("uploads"); }

    Path tmp() { return root.resolve(".volumegate").resolve("tmp"); }

    /** Everything below the uploads folder, relative, sorted. */
    List<String> stagedFiles() throws IOException {
        if (!Files.exists(uploads())) return List.of();
        try (Stream<Path> walk = Files.walk(uploads())) {
            return walk.filter(p -> !p.equals(uploads())).map(p -> uploads().relativize(p).toString()).sorted().toList();
        }
    }

    List<String> tempFiles() throws IOException {
        if (!Files.exists(tmp())) return List.of();
        try (Stream<Path> list = Files.list(tmp())) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static String md5Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
