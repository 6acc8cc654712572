package io.volumegate.storage.multipart;

import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.VersionIds;
import io.volumegate.storage.Versioning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.volumegate.storage.multipart.StagingFixture.MIB;
import static io.volumegate.storage.multipart.StagingFixture.bytes;
import static io.volumegate.storage.multipart.StagingFixture.md5Hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartStagingTest {
    @TempDir
    Path bucketRoot;

    @Test
    void anUploadStartedOnOneNodeIsVisibleToAnother() throws Exception {
        StagingFixture nodeA = new StagingFixture(bucketRoot);
        UploadManifest created = nodeA.staging.create("reports/q3.pdf",
                ObjectMetadata.builder().contentType("application/pdf").putUserMetadata("owner", "ana").build(),
                "CRC32C", "COMPOSITE", true);

        StagingFixture nodeB = new StagingFixture(bucketRoot); // nothing shared but the directory
        UploadManifest seen = nodeB.staging.open(created.id().value(), "reports/q3.pdf");
        assertEquals(created, seen);
        assertEquals(List.of(created), nodeB.staging.uploads());
        assertEquals(List.of(created.id().value(), created.id() + "/manifest"), nodeB.stagedFiles());
    }

    @Test
    void aCompletionInAVersionedBucketRecordsTheVersionItMade() throws Exception {
        StagingFixture fixture = new StagingFixture(bucketRoot);
        fixture.bucket.updateSettings(settings -> settings.withVersioning(Versioning.ENABLED));
        UploadManifest upload = fixture.create("v");
        CompletionRecord done = fixture.complete(upload, List.of(fixture.stage(upload, 1, bytes(10, 1))));
        assertTrue(VersionIds.isWellFormed(done.versionId()) && !done.versionId().equals(VersionIds.NULL), done.toString());
        assertEquals(done.versionId(), fixture.bucket.stat("v").versionId());
        assertEquals(done, fixture.staging.completion(upload.id().value(), "v").orElseThrow(), "a retry gets the same answer");
    }

    @Test
    void anUnknownIdOrAnotherKeyIsNoSuchUpload() throws Exception {
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest upload = fixture.create("a");
        assertNoSuchUpload(() -> fixture.staging.open(upload.id().value(), "b"));
        assertNoSuchUpload(() -> fixture.staging.open("../../etc/passwd", "a"));
        assertNoSuchUpload(() -> fixture.staging.open(UploadId.generate(Instant.now()).value(), "a"));
    }

    @Test
    void partsAreFilesWithARecordAndListInOrder() throws Exception {
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest upload = fixture.create("k");
        fixture.stage(upload, 3, bytes(10, 3));
        PartRecord first = fixture.stage(upload, 1, bytes(20, 1));
        assertEquals(20, first.size());
        assertEquals(md5Hex(bytes(20, 1)), first.md5Hex());
        assertEquals(List.of(1, 3), fixture.staging.parts(upload).stream().map(PartRecord::number).toList());
        assertTrue(fixture.stagedFiles().containsAll(List.of(upload.id() + "/part-00001", upload.id() + "/part-00001.record",
                upload.id() + "/part-00003", upload.id() + "/part-00003.record")), fixture.stagedFiles().toString());
        assertArrayEquals(bytes(20, 1), Files.readAllBytes(fixture.uploads().resolve(upload.id().value()).resolve("part-00001")));
    }

    @Test
    void uploadingAPartAgainReplacesIt() throws Exception {
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest upload = fixture.create("k");
        fixture.stage(upload, 1, bytes(100, 1));
        PartRecord second = fixture.stage(upload, 1, bytes(50, 2));
        List<PartRecord> parts = fixture.staging.parts(upload);
        assertEquals(List.of(second), parts);
        assertEquals(50, parts.get(0).size());
        // No temp file of either upload is left beside the part.
        assertEquals(4, fixture.stagedFiles().size(), fixture.stagedFiles().toString()); // folder, manifest, data, record
    }

    @Test
    void aRecordThatNoLongerDescribesItsDataHidesThePart() throws Exception {
        // As a crash between replacing a part's data and writing its new record would leave it.
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest upload = fixture.create("k");
        fixture.stage(upload, 1, bytes(100, 1));
        Path data = fixture.uploads().resolve(upload.id().value()).resolve("part-00001");
        Path replacement = data.resolveSibling("replacement");
        Files.write(replacement, bytes(100, 9));
        Files.move(replacement, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        assertEquals(List.of(), fixture.staging.parts(upload));
        StorageException refused = assertThrows(StorageException.class, () -> fixture.staging.resolve(upload,
                List.of(new RequestedPart(1, md5Hex(bytes(100, 1)), Map.of()))));
        assertEquals(StorageException.Reason.INVALID_PART, refused.reason());
    }

    @Test
    void completeAssemblesThePartsIntoTheObjectAndClearsTheStaging() throws Exception {
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest upload = fixture.create("dir/object.bin");
        byte[] one = bytes(5 * MIB, 1);
        byte[] two = bytes(3 * MIB + 5, 2);
        PartRecord p1 = fixture.stage(upload, 1, one);
        fixture.stage(upload, 2, bytes(6 * MIB, 99)); // staged but not completed with: discarded
        PartRecord p3 = fixture.stage(upload, 3, two);

        CompletionRecord answer = fixture.complete(upload, List.of(p1, p3));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(one);
        expected.write(two);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(bucketRoot.resolve("dir/object.bin")));
        StoredObject object = fixture.bucket.stat("dir/object.bin");
        assertEquals("\"" + answer.etag() + "\"", object.etag());
        assertEquals(MultipartETag.of(List.of(p1.md5Hex(), p3.md5Hex())), answer.etag());
        assertEquals("application/x-test", object.metadata().orElseThrow().contentType());
        // Only the completion record remains, for retries; no temp file anywhere.
        assertEquals(List.of(upload.id().value(), upload.id() + "/completed"), fixture.stagedFiles());
        assertEquals(List.of(), fixture.tempFiles());
        assertEquals(List.of(), fixture.staging.uploads());
        assertNoSuchUpload(() -> fixture.staging.open(upload.id().value(), "dir/object.bin"));
        assertEquals(answer, fixture.staging.completion(upload.id().value(), "dir/object.bin").orElseThrow());
    }

    @Test
    void assemblingCopiesInTheKernelWithoutTouchingTheHeap() throws Exception {
        // 64 MiB through a process whose test heap would notice 3 copies is not a proof; the
        // structure is: PendingUpload.append uses FileChannel.transferTo between files.
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest upload = fixture.create("big");
        byte[] part = bytes(16 * MIB, 7);
        List<PartRecord> parts = new java.util.ArrayList<>();
        for (int n = 1; n <= 4; n++) parts.add(fixture.stage(upload, n, part));
        long started = System.nanoTime();
        fixture.complete(upload, parts);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(64L * MIB, Files.size(bucketRoot.resolve("big")));
        System.out.println("Complete of 64 MiB in 4 parts: " + millis + " ms");
    }

    @Test
    void abortRemovesEveryFileOfTheUpload() throws Exception {
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest upload = fixture.create("k");
        fixture.stage(upload, 1, bytes(1000, 1));
        PendingPart inFlight = fixture.staging.beginPart(upload, 2); // a body still streaming
        inFlight.write(new byte[10], 0, 10);

        fixture.staging.abort(upload.id().value(), "k");

        assertEquals(List.of(), fixture.stagedFiles());
        assertNoSuchUpload(() -> fixture.staging.abort(upload.id().value(), "k"));
        // The streaming part then fails to commit, and leaves nothing either.
        assertNoSuchUpload(() -> fixture.staging.commitPart(inFlight, md5Hex(new byte[10]), Map.of()));
        assertEquals(List.of(), fixture.stagedFiles());
    }

    @Test
    void sweepRemovesOldUploadsOldCompletionRecordsAndInterruptedDeletions() throws Exception {
        Instant longAgo = Instant.now().minus(Duration.ofDays(10));
        StagingFixture past = new StagingFixture(bucketRoot, Clock.fixed(longAgo, ZoneOffset.UTC), CompletionHooks.NONE);
        UploadManifest old = past.create("old");
        past.stage(old, 1, bytes(10, 1));
        StagingFixture fixture = new StagingFixture(bucketRoot);
        UploadManifest young = fixture.create("young");
        UploadManifest finished = fixture.create("finished");
        fixture.complete(finished, List.of(fixture.stage(finished, 1, bytes(10, 2))));
        Files.createDirectories(fixture.uploads().resolve(young.id() + ".x.deleting").resolve("sub"));

        assertEquals(2, fixture.staging.sweep(Instant.now(), Duration.ofDays(7), Duration.ofHours(1)));
        assertEquals(List.of(young), fixture.staging.uploads());
        assertTrue(fixture.staging.completion(finished.id().value(), "finished").isPresent(), "a young record stays");

        assertEquals(1, fixture.staging.sweep(Instant.now().plus(Duration.ofHours(2)), Duration.ofDays(7), Duration.ofHours(1)));
        assertFalse(fixture.staging.completion(finished.id().value(), "finished").isPresent());
        assertEquals(List.of(young.id().value(), young.id() + "/manifest"), fixture.stagedFiles());
    }

    private static void assertNoSuchUpload(org.junit.jupiter.api.function.Executable action) {
        StorageException refused = assertThrows(StorageException.class, action);
        assertEquals(StorageException.Reason.NO_SUCH_UPLOAD, refused.reason());
    }
}
