package io.volumegate.it;

import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server killed with SIGKILL (no shutdown hook, no finally block runs) in the middle of
 * writes, restarted on the same volume, and audited as a user would: every key absent or
 * exactly one attempted write, bytes, ETag and metadata together; every write answered 200
 * before the kill present; a Complete done or not done, never half; and, after the start-up
 * sweep, no temp file, part temp or commit lock left. Counts are printed for the issue note.
 *
 * <p>Starts Payara Micro processes of its own ({@link PayaraMicroNode}), so it runs in the
 * {@code servers} profile (see pom.xml).
 */
class CrashAuditIT {
    private static PayaraMicroNode node;
    private static S3Client s3;

    @BeforeAll
    static void startNode() throws Exception {
        Path target = Path.of(System.getProperty("volumegate.it.war", "target/volumegate.war")).toAbsolutePath().getParent();
        Path work = target.resolve("crash-audit");
        if (Files.exists(work)) PathUtils.deleteDirectory(work);
        Path volume = Files.createDirectories(work.resolve("volume"));
        node = PayaraMicroNode.start(work, "node", volume, Map.of());
        s3 = CrashWrites.client(node);
    }

    @AfterAll
    static void stopNode() {
        if (s3 != null) s3.close();
        if (node != null) node.close();
        assertFalse(node != null && node.isAlive(), "the node this test started is stopped");
    }

    @Test
    void killedDuring100ConcurrentUploadsEveryKeyIsWholeAndEveryAcknowledgedWriteIsThere() throws Exception {
        String bucket = "crash-uploads";
        s3.createBucket(b -> b.bucket(bucket));
        List<CrashWrites.Attempt> attempts = CrashWrites.plan(100, 40);
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        AtomicInteger acknowledged = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (CrashWrites.Attempt attempt : attempts) {
                running.add(pool.submit(() -> {
                    go.await();
                    try {
                        CrashWrites.run(s3, node, bucket, attempt);
                        acknowledged.incrementAndGet();
                    } catch (RuntimeException cutOff) {
                        // the kill: not acknowledged, so it may or may not have happened
                    }
                    return null;
                }));
            }
            go.countDown();
            // Kill once about a third is answered: the rest are streaming, committing, completing.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.get() < 30 && System.nanoTime() < deadline) Thread.sleep(5);
            node.kill();
            for (Future<?> upload : running) upload.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        long acked = attempts.stream().filter(CrashWrites.Attempt::acknowledged).count();
        assertTrue(acked >= 30 && acked < attempts.size(), "killed mid-flight: " + acked + " of " + attempts.size() + " answered");

        node.restart();
        CrashWrites.Audit audit = CrashWrites.audit(s3, node.volume(), bucket, attempts);
        long leftovers = Leftovers.count(node.volume().resolve(bucket));
        System.out.printf("CrashAuditIT uploads: %d uploads (%s), %d acknowledged before SIGKILL; after restart %d keys audited: "
                        + "%d present (%d from acknowledged writes, %d from writes cut off after their commit), %d absent, "
                        + "0 torn or mixed; %d multipart uploads left in progress (%d with all parts, completed now and whole; "
                        + "the rest aborted); start-up sweep removed %d files; leftovers %d%n",
                attempts.size(), CrashWrites.kinds(attempts), acked, audit.keys(), audit.present(), audit.fromAcknowledged(),
                audit.present() - audit.fromAcknowledged(), audit.keys() - audit.present(), audit.listableUploads(),
                audit.completedNow(), node.sweptFiles(), leftovers);
        assertEquals(0, leftovers, "temp files, part temps and commit locks after the start-up sweep: " + Leftovers.list(node.volume().resolve(bucket)));
    }

    /**
     * A Complete of 60 parts of 5 MiB (300 MiB) (copied from an object with UploadPartCopy, to be quick),
     * killed while its assembled temp file is a third written.
     */
    @Test
    void killedDuringCompleteTheKeyHoldsTheOldObjectOrTheWholeNewOneAndTheUploadCanBeCompleted() throws Exception {
        String bucket = "crash-complete";
        String key = "large/assembled.bin";
        int parts = 60;
        int partSize = 5 * 1024 * 1024;
        s3.createBucket(b -> b.bucket(bucket));
        byte[] old = CrashWrites.bytes(-1, 1234);
        s3.putObject(b -> b.bucket(bucket).key(key).metadata(Map.of("writer", "old")), RequestBody.fromBytes(old));

        CrashWrites.LargeSource source = CrashWrites.writeSource(node.volume().resolve(bucket).resolve("large/source.bin"), parts, partSize);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).metadata(Map.of("writer", "multipart"))).uploadId();
        List<CompletedPart> completed = CrashWrites.copyParts(s3, bucket, "large/source.bin", key, uploadId, parts, partSize);
        String newSha256 = source.sha256();
        long newSize = source.size();

        // Complete in the background; kill while its assembled temp file is growing.
        Path tmp = node.volume().resolve(bucket).resolve(".volumegate/tmp");
        AtomicReference<Throwable> completeOutcome = new AtomicReference<>();
        Thread complete = new Thread(() -> {
            try {
                s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed)));
            } catch (Throwable cutOff) {
                completeOutcome.set(cutOff);
            }
        });
        long started = System.nanoTime();
        complete.start();
        long assembled = CrashWrites.awaitGrowingTemp(tmp, newSize / 3, Duration.ofSeconds(60));
        assumeTrue(assembled > 0 && complete.isAlive(), "Complete ended before it could be caught in flight");
        node.kill();
        long killedAfterMillis = (System.nanoTime() - started) / 1_000_000;
        complete.join(60_000);
        assertNotNull(completeOutcome.get(), "the Complete was cut off, not answered");

        node.restart();
        String outcome;
        if (s3.headObject(b -> b.bucket(bucket).key(key)).contentLength() == old.length) {
            ResponseBytes<GetObjectResponse> now = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            assertArrayEquals(old, now.asByteArray(), "the old object, untouched");
            assertEquals("old", now.response().metadata().get("writer"), "the old object's metadata with its bytes");
            List<MultipartUpload> listed = s3.listMultipartUploads(b -> b.bucket(bucket)).uploads();
            assertEquals(List.of(uploadId), listed.stream().map(MultipartUpload::uploadId).toList(), "the upload is still in progress");
            List<Part> listedParts = s3.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts().stream().toList();
            assertEquals(completed.stream().map(CompletedPart::eTag).toList(), listedParts.stream().map(Part::eTag).toList(), "every part intact");
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed)));
            outcome = "not done (old object kept, upload listed with all " + listedParts.size() + " parts, completed after restart)";
        } else {
            outcome = "done before the kill";
        }
        CrashWrites.Read after = CrashWrites.readDigest(s3, bucket, key);
        assertEquals(newSize, after.size());
        assertEquals(newSha256, after.sha256(), "the whole new object, never a part of it");
        assertEquals(source.multipartEtag(), after.response().eTag());
        assertEquals("multipart", after.response().metadata().get("writer"));
        assertTrue(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().isEmpty(), "nothing left in progress");
        long leftovers = Leftovers.count(node.volume().resolve(bucket));
        System.out.printf("CrashAuditIT complete: %d parts of %d MiB (%d MiB), SIGKILL %d ms after Complete began with %d MiB assembled; "
                        + "Complete was %s; 1 object audited; start-up sweep removed %d files; leftovers %d%n",
                parts, partSize >> 20, newSize >> 20, killedAfterMillis, assembled >> 20, outcome, node.sweptFiles(), leftovers);
        assertEquals(0, leftovers, "after the start-up sweep: " + Leftovers.list(node.volume().resolve(bucket)));
    }

    /** What a crash may leave in a bucket's reserved folder, and the sweep must remove. */
    static final class Leftovers {
        private Leftovers() {}

        static long count(Path bucketRoot) throws Exception {
            return list(bucketRoot).size();
        }

        /** Temp files (tmp/, *.tmp), commit locks, uploads half made or half deleted. */
        static List<String> list(Path bucketRoot) throws Exception {
            Path reserved = bucketRoot.resolve(".volumegate");
            if (!Files.isDirectory(reserved)) return List.of();
            try (var files = Files.walk(reserved)) {
                return files.filter(p -> !p.equals(reserved))
                        .map(p -> reserved.relativize(p).toString())
                        .filter(name -> name.startsWith("tmp/") || name.startsWith("locks/") || name.endsWith(".tmp")
                                || name.matches("uploads/[^/]+\\.(new|deleting)(/.*)?"))
                        .filter(name -> !name.equals("tmp") && !name.equals("locks"))
                        .sorted()
                        .collect(Collectors.toList());
            }
        }
    }
}
