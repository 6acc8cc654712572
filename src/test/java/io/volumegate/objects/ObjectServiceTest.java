package io.volumegate.objects;

import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.VersionIds;
import io.volumegate.storage.WriteCondition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The object service as both APIs see it: reads, writes, deletes, in the storage layer's own terms. */
class ObjectServiceTest {
    private static final byte[] CONTENT = "content".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private ServiceFixture fixture;
    private ObjectService objects;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ServiceFixture(root);
        objects = fixture.objects;
    }

    private static void refused(Reason reason, Executable action) {
        assertEquals(reason, assertThrows(StorageException.class, action).reason());
    }

    @Test
    void aKeyBelowAFileIsNoSuchKeyForReadsAndNothingForDeletes() throws Exception {
        fixture.put("a/f.txt", CONTENT, ObjectMetadata.builder().build());
        ObjectRef below = ObjectRef.of(ServiceFixture.BUCKET, "a/f.txt/x");
        refused(Reason.NO_SUCH_KEY, () -> objects.head(below));
        refused(Reason.NO_SUCH_KEY, () -> objects.open(below));
        assertFalse(objects.exists(below));
        objects.delete(below); // deleting what is not there succeeds
        assertTrue(Files.isRegularFile(fixture.file("a/f.txt")), "the file above is untouched");
        refused(Reason.PARENT_IS_FILE, () -> fixture.put("a/f.txt/x", CONTENT, ObjectMetadata.builder().build()));
        refused(Reason.PARENT_IS_FILE, () -> fixture.put("a/f.txt/x/y", CONTENT, ObjectMetadata.builder().build()));
    }

    @Test
    void aMalformedVersionIdIsRefusedAndAnUnknownOneIsNoSuchVersion() throws Exception {
        fixture.put("k", CONTENT, ObjectMetadata.builder().build());
        ObjectRef malformed = new ObjectRef(ServiceFixture.BUCKET, "k", "3HL4kqtJlcpXroDTDmJ");
        refused(Reason.INVALID_VERSION_ID, () -> objects.head(malformed));
        refused(Reason.INVALID_VERSION_ID, () -> objects.open(malformed));
        refused(Reason.INVALID_VERSION_ID, () -> objects.delete(malformed));
        ObjectRef unknown = new ObjectRef(ServiceFixture.BUCKET, "k", VersionIds.generate());
        refused(Reason.NO_SUCH_VERSION, () -> objects.head(unknown));
        objects.delete(unknown); // deleting a version that is not there succeeds, as in S3
        assertTrue(Files.exists(fixture.file("k")), "neither delete touched the object");
        objects.delete(new ObjectRef(ServiceFixture.BUCKET, "k", VersionIds.NULL));
        assertFalse(Files.exists(fixture.file("k")), "the null version is the object");
    }

    @Test
    void aBulkDeleteReportsEachKeyAndGoesOnAfterAFailure() throws Exception {
        fixture.put("one", CONTENT, ObjectMetadata.builder().build());
        fixture.put("dir/child", CONTENT, ObjectMetadata.builder().build());
        fixture.put("two", CONTENT, ObjectMetadata.builder().build());
        List<KeyDeletion> outcomes = objects.deleteAll(ServiceFixture.BUCKET, List.of(ObjectRef.of(ServiceFixture.BUCKET, "one"),
                ObjectRef.of(ServiceFixture.BUCKET, "../escape"), new ObjectRef(ServiceFixture.BUCKET, "two", "v2"),
                ObjectRef.of(ServiceFixture.BUCKET, ""), ObjectRef.of(ServiceFixture.BUCKET, "two"),
                ObjectRef.of(ServiceFixture.BUCKET, "never-there")), false);
        assertEquals(List.of(true, false, false, false, true, true), outcomes.stream().map(KeyDeletion::deleted).toList());
        assertEquals(Reason.INVALID_KEY, ((StorageException) outcomes.get(1).failure().orElseThrow()).reason());
        assertEquals(Reason.INVALID_VERSION_ID, ((StorageException) outcomes.get(2).failure().orElseThrow()).reason());
        assertFalse(Files.exists(fixture.file("one")));
        assertFalse(Files.exists(fixture.file("two")));
        assertTrue(Files.exists(fixture.file("dir/child")));
    }

    @Test
    void aConditionalPutIsRefusedBeforeItsBodyAndAgainAtCommit() throws Exception {
        fixture.put("k", CONTENT, ObjectMetadata.builder().build());
        WriteCondition create = new WriteCondition(true, null);
        refused(Reason.PRECONDITION_FAILED, () -> objects.startPut(ServiceFixture.BUCKET, "k", create));
        ObjectUpload racing = objects.startPut(ServiceFixture.BUCKET, "new", create);
        fixture.put("new", CONTENT, ObjectMetadata.builder().build()); // another writer wins meanwhile
        racing.write(CONTENT, 0, 3);
        refused(Reason.PRECONDITION_FAILED, () -> objects.commit(racing, ObjectMetadata.builder().build()));
        assertEquals("content", Files.readString(fixture.file("new")), "the winner's object stays");
        try (var temps = Files.list(fixture.file(".volumegate/tmp"))) {
            assertEquals(0, temps.count(), "the loser's temp file is gone");
        }
    }

    @Test
    void listingTellsEtagsFromStoredMetadata() throws Exception {
        fixture.put("b/1", CONTENT, ObjectMetadata.builder().build());
        fixture.put("a", CONTENT, ObjectMetadata.builder().md5Hex("9a0364b9e99bb480dd25e1f0284c8555").build());
        ObjectPage page = objects.list(ServiceFixture.BUCKET, new io.volumegate.storage.ListQuery("", "/", "", 1));
        assertEquals(List.of("a"), page.objects().stream().map(ObjectSummary::key).toList());
        assertEquals("\"9a0364b9e99bb480dd25e1f0284c8555\"", page.objects().get(0).etag(), "the stored MD5 is the ETag");
        assertEquals(objects.head(ObjectRef.of(ServiceFixture.BUCKET, "a")).etag(), page.objects().get(0).etag());
        assertTrue(page.truncated());
        page = objects.list(ServiceFixture.BUCKET, new io.volumegate.storage.ListQuery("", "/", page.lastReturned(), 10));
        assertEquals(List.of("b/"), page.commonPrefixes());
        assertEquals(1, page.count());
    }
}
