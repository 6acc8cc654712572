package io.volumegate.storage.multipart;

import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.WriteCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.volumegate.storage.multipart.StagingFixture.MIB;
import static io.volumegate.storage.multipart.StagingFixture.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server killed (SIGKILL, in another JVM) in the middle of CompleteMultipartUpload: the key
 * holds the old object or the new one, never a mix; a retried Complete finishes the job with
 * the same answer; an Abort leaves nothing in the staging area.
 */
class CompleteCrashTest {
    private static final String KEY = "videos/clip.bin";
    private static final byte[] OLD = bytes(3 * MIB + 11, 1);
    private static final byte[] PART_1 = bytes(5 * MIB, 2);
    private static final byte[] PART_2 = bytes(2 * MIB + 3, 3);

    @TempDir
    Path bucketRoot;

    @Test
    void killedAfterAssemblingTheKeyStillHoldsTheOldObjectAndARetryCompletes() throws Exception {
        StagingFixture fixture = prepare();
        UploadManifest upload = fixture.staging.uploads().get(0);

        runAndKill(upload, "assembled");

        assertArrayEquals(OLD, read(KEY), "the old object, untouched");
        List<String> temps = fixture.tempFiles();
        assertEquals(1, temps.size(), "the assembled temp file the crash left: " + temps);
        assertEquals(PART_1.length + PART_2.length, Files.size(fixture.tmp().resolve(temps.get(0))));
        assertEquals(2, fixture.staging.parts(upload).size(), "the staging is intact");

        // The client retries Complete (on this or any node) while readers keep reading the key.
        AtomicReference<String> mixed = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get() && mixed.get() == null) {
                byte[] seen = readQuietly(KEY);
                reads.incrementAndGet();
                if (seen != null && !Arrays.equals(seen, OLD) && !Arrays.equals(seen, newObject())) {
                    mixed.set("a reader saw " + seen.length + " bytes that are neither object");
                }
            }
        });
        reader.start();
        CompletionRecord answer = fixture.complete(upload, fixture.staging.parts(upload));
        done.set(true);
        reader.join();
        assertNull(mixed.get());
        assertTrue(reads.get() > 0);

        assertArrayEquals(newObject(), read(KEY), "the new object, whole");
        assertEquals("\"" + answer.etag() + "\"", fixture.bucket.stat(KEY).etag());
        // The crashed attempt's temp file goes with the sweep of abandoned temp files.
        fixture.bucket.sweepAbandonedUploads(Duration.ZERO);
        assertEquals(List.of(), fixture.tempFiles());
    }

    @Test
    void killedAfterAssemblingThenAbortedLeavesTheOldObjectAndNoStaging() throws Exception {
        StagingFixture fixture = prepare();
        UploadManifest upload = fixture.staging.uploads().get(0);

        runAndKill(upload, "assembled");
        fixture.staging.abort(upload.id().value(), KEY);

        assertArrayEquals(OLD, read(KEY));
        assertEquals(List.of(), fixture.stagedFiles(), "no leftovers in the staging area");
    }

    @Test
    void killedAfterTheRenameARetryReturnsTheSameAnswer() throws Exception {
        StagingFixture fixture = prepare();
        UploadManifest upload = fixture.staging.uploads().get(0);
        String etag = MultipartETag.of(fixture.staging.parts(upload).stream().map(PartRecord::md5Hex).toList());

        runAndKill(upload, "committed");

        assertArrayEquals(newObject(), read(KEY), "the new object is in place");
        assertTrue(fixture.staging.completion(upload.id().value(), KEY).isEmpty(), "but no completion record yet");
        CompletionRecord answer = fixture.complete(upload, fixture.staging.parts(upload));
        assertEquals(etag, answer.etag());
        assertArrayEquals(newObject(), read(KEY));
        assertEquals(List.of(upload.id().value(), upload.id() + "/completed"), fixture.stagedFiles());
    }

    /** The old object at KEY, and an upload of two parts for it. */
    private StagingFixture prepare() throws IOException {
        StagingFixture fixture = new StagingFixture(bucketRoot);
        PendingUpload old = fixture.bucket.beginUpload(KEY);
        old.write(OLD, 0, OLD.length);
        fixture.bucket.commit(old, ObjectMetadata.builder().md5Hex(StagingFixture.md5Hex(OLD)).build(), WriteCondition.NONE);
        UploadManifest upload = fixture.create(KEY);
        fixture.stage(upload, 1, PART_1);
        fixture.stage(upload, 2, PART_2);
        return fixture;
    }

    /** Runs Complete in another JVM, waits until it froze at {@code stopAt}, and kills it with SIGKILL. */
    private void runAndKill(UploadManifest upload, String stopAt) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingComplete.class.getName(), bucketRoot.toString(), upload.id().value(), KEY, stopAt)
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder seen = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.equals(CrashingComplete.FROZEN)) break;
            }
            assertTrue(seen.toString().contains(CrashingComplete.FROZEN), "the child did not reach " + stopAt + ":\n" + seen);
            process.destroyForcibly(); // SIGKILL: nothing of the child's runs any more
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertFalse(process.isAlive());
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] newObject() {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.writeBytes(PART_1);
        whole.writeBytes(PART_2);
        return whole.toByteArray();
    }

    private byte[] read(String key) throws IOException {
        return Files.readAllBytes(bucketRoot.resolve(key));
    }

    private byte[] readQuietly(String key) {
        try {
            return read(key);
        } catch (NoSuchFileException e) {
            return new byte[0]; // never expected: the old object is replaced by rename, not deleted
        } catch (IOException e) {
            return null;
        }
    }
}
