package io.volumegate.objects;

import io.volumegate.storage.Bucket;
import io.volumegate.storage.Deletion;
import io.volumegate.storage.ListPage;
import io.volumegate.storage.ListQuery;
import io.volumegate.storage.ListedObject;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.OpenedObject;
import io.volumegate.storage.StorageException.Reason;
import io.volumegate.storage.StorageException;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.VersionPage;
import io.volumegate.storage.VersionQuery;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects, for both APIs: read, write, delete, copy, list. A write streams into a temp file
 * ({@link #startPut}) and becomes the object in one atomic step ({@link #commit}): readers see
 * the old object or the new one, never a part. Blocking: call from the I/O executor.
 */
@ApplicationScoped
public class ObjectService {
    @Inject
    Volume volume;
    @Inject
    AccessService access;

    // ---- reads ---------------------------------------------------------------------------

    /**
     * The object's (or the named version's) size, ETag and metadata; NO_SUCH_KEY when there is
     * none, NO_SUCH_VERSION when the key has no version of that id.
     */
    public StoredObject head(ObjectRef ref) throws IOException {
        Bucket bucket = volume.bucket(ref.bucket());
        return ref.versionId() == null ? bucket.stat(ref.key()) : bucket.stat(ref.key(), ref.versionId());
    }

    /** The object (or version) with its content open, described by the very file that is open. Close it. */
    public OpenedObject open(ObjectRef ref) throws IOException {
        Bucket bucket = volume.bucket(ref.bucket());
        return ref.versionId() == null ? bucket.open(ref.key()) : bucket.open(ref.key(), ref.versionId());
    }

    /** Whether there is an object (or that version of it) at the reference. */
    public boolean exists(ObjectRef ref) throws IOException {
        try {
            head(ref);
            return true;
        } catch (StorageException e) {
            if (e.reason() == Reason.NO_SUCH_KEY || e.reason() == Reason.NO_SUCH_VERSION
                    || e.reason() == Reason.VERSION_IS_DELETE_MARKER) return false;
            throw e;
        }
    }

    /** A page of the bucket's keys in S3 order; ETags come from stored metadata, never by hashing. */
    public ObjectPage list(String bucketName, ListQuery query) throws IOException {
        Bucket bucket = volume.bucket(bucketName);
        ListPage page = bucket.list(query);
        List<ObjectSummary> objects = new ArrayList<>(page.objects().size());
        BucketRules rules = page.objects().isEmpty() ? null : access.rules(bucketName);
        for (ListedObject object : page.objects()) {
            Bucket.ListedDetails details = bucket.describe(object);
            // The writer owns an object, unless nobody recorded one or the bucket's owner owns all (BucketOwnerEnforced).
            String owner = details.owner() == null || rules.aclsDisabled() ? rules.owner() : details.owner();
            objects.add(new ObjectSummary(object.key(), object.size(), object.lastModified().toInstant(), details.etag(), owner));
        }
        return new ObjectPage(objects, page.commonPrefixes(), page.truncated(), page.lastReturned());
    }

    /** A page of the versions and delete markers of the bucket's keys, in S3 order. */
    public VersionPage listVersions(String bucketName, VersionQuery query) throws IOException {
        return volume.bucket(bucketName).listVersions(query);
    }

    // ---- writes --------------------------------------------------------------------------

    /**
     * Opens a write of {@code key}. The condition is checked now, so a doomed upload is refused
     * before its body is read, and again under the key's lock at {@link #commit}.
     */
    public ObjectUpload startPut(String bucketName, String key, WriteCondition condition) throws IOException {
        return startPut(bucketName, key, condition, -1);
    }

    /**
     * {@link #startPut(String, String, WriteCondition)} of a body of {@code size} bytes ({@code -1}:
     * not known before it ends): NO_SPACE, before any byte is read, when the volume has not that
     * much room above its reserve; QUOTA_EXCEEDED when the bucket's quota has not.
     */
    public ObjectUpload startPut(String bucketName, String key, WriteCondition condition, long size) throws IOException {
        Bucket bucket = volume.bucket(bucketName);
        bucket.check(condition, key);
        bucket.requireSpace(size);
        return new ObjectUpload(bucket, bucket.beginUpload(key, size), condition);
    }

    /**
     * Makes the upload the object (fsync, metadata, atomic rename under the key's lock, the
     * condition checked once more); on any failure the upload is gone and the old object stays.
     *
     * @param metadata the content headers, user metadata and digests to store with it
     */
    public StoredObject commit(ObjectUpload upload, ObjectMetadata metadata) throws IOException {
        return upload.target().commit(upload.pending(), metadata, upload.condition());
    }

    /**
     * Deletes the object (in a versioned bucket: adds a delete marker), or with a version id,
     * that version for good. Deleting what is not there succeeds, as in S3.
     */
    public Deletion delete(ObjectRef ref) throws IOException {
        return delete(ref, false);
    }

    /**
     * {@link #delete(ObjectRef)}; a version under GOVERNANCE retention is removed only with
     * {@code bypassGovernance}, one under COMPLIANCE retention or a legal hold never (OBJECT_LOCKED).
     */
    public Deletion delete(ObjectRef ref, boolean bypassGovernance) throws IOException {
        return delete(volume.bucket(ref.bucket()), ref, bypassGovernance);
    }

    private static Deletion delete(Bucket bucket, ObjectRef ref, boolean bypassGovernance) throws IOException {
        if (ref.key().isEmpty()) throw new StorageException(Reason.INVALID_KEY, "The key is empty.");
        return ref.versionId() == null ? bucket.delete(ref.key()) : bucket.deleteVersion(ref.key(), ref.versionId(), bypassGovernance);
    }

    /**
     * Deletes each object on its own: one key's failure (a bad key, a version id, an I/O
     * error) is that key's outcome, and the others are still deleted.
     */
    public List<KeyDeletion> deleteAll(String bucketName, List<ObjectRef> refs, boolean bypassGovernance) throws IOException {
        Bucket bucket = volume.bucket(bucketName);
        List<KeyDeletion> outcomes = new ArrayList<>(refs.size());
        for (ObjectRef ref : refs) {
            try {
                outcomes.add(KeyDeletion.done(ref, delete(bucket, ref, bypassGovernance)));
            } catch (IOException | RuntimeException e) {
                outcomes.add(KeyDeletion.failed(ref, e));
            }
        }
        return outcomes;
    }
}
