package io.volumegate.api;

import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.QueryParameters;
import io.volumegate.objects.ContinuationTokens;
import io.volumegate.objects.CopiedObject;
import io.volumegate.objects.CopyService;
import io.volumegate.objects.CopySpec;
import io.volumegate.objects.ObjectPage;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.ObjectSummary;
import io.volumegate.objects.VolumeOwner;
import io.volumegate.storage.ContentTypes;
import io.volumegate.storage.Deletion;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ListQuery;
import io.volumegate.storage.ObjectKeys;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.VersionIds;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One object: list, download, HEAD, delete, copy. Uploads are {@link UploadResource}'s. */
@ApplicationScoped
public class ObjectResource {
    static final int MAX_KEYS = ListQuery.MAX_KEYS_LIMIT;
    /** The query parameter naming a version, as S3's versionId. */
    static final String VERSION_ID = "version_id";

    @Inject
    ObjectService objects;
    @Inject
    CopyService copies;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    ApiAccess access;

    /** What each answer's {@code status} says was done. */
    static final String UPLOADED = "uploaded";
    static final String COPIED = "copied";
    static final String DELETED = "deleted";
    static final String COMPLETED = "completed";

    /** A listed object; storage_class and owner are what S3's ListObjects shows for it. */
    public record ObjectEntry(String key, long size, String lastModified, String etag, String storageClass, String owner) {}

    public record ObjectList(String bucket, String prefix, String delimiter, int maxKeys, List<ObjectEntry> objects,
                             List<String> commonPrefixes, boolean isTruncated, String continuationToken,
                             String nextContinuationToken, int keyCount) {}

    /**
     * The object an upload, copy or multipart completion made: the reference's
     * UploadObjectResponse, ObjectMutationResponse and CompleteMultipartUploadResponse fields
     * (status says which: uploaded, copied, completed), and what the object now is.
     */
    public record ObjectInfo(String status, String bucket, String key, long size, String etag, String lastModified,
                             String contentType) {}

    /**
     * The reference's ObjectMutationResponse of a delete, and (ours) what it did to versions:
     * the version removed or the delete marker made, and whether that is a delete marker; both
     * null in a bucket that was never versioned.
     */
    public record ObjectMutationResponse(String status, String bucket, String key, @JsonbNillable(false) String versionId,
                                         @JsonbNillable(false) Boolean deleteMarker) {}

    /** The reference's copy: source_bucket and source_key; ours: source_version_id, the version to copy (restore) rather than the latest. */
    public record CopyRequest(String sourceBucket, String sourceKey, String sourceVersionId) {}

    void list(Exchange exchange, ApiRequest request) {
        QueryParameters query = request.query();
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.getOrDefault("delimiter", "");
        int maxKeys = maxKeys(query.get("max_keys"));
        String token = query.get("continuation_token");
        String resume = token == null || token.isEmpty() ? "" : ContinuationTokens.decode(token);
        ListQuery listQuery = new ListQuery(prefix, delimiter, resume, maxKeys);
        exchange.runOn(io, () -> {
            ObjectPage page = objects.list(request.bucket(), listQuery);
            Map<String, String> names = new HashMap<>(); // a page has few owners: look each up once
            List<ObjectEntry> entries = page.objects().stream()
                    .map(object -> entry(object, names.computeIfAbsent(object.owner(), access::displayName))).toList();
            String next = page.truncated() ? ContinuationTokens.encode(page.lastReturned()) : null;
            ApiResponses.ok(exchange, new ObjectList(request.bucket(), prefix, delimiter, maxKeys, entries, page.commonPrefixes(),
                    page.truncated(), token, next, page.count()));
        });
    }

    private static ObjectEntry entry(ObjectSummary object, String owner) {
        return new ObjectEntry(object.key(), object.size(), HttpDates.iso8601(object.lastModified()), object.etag(),
                VolumeOwner.STORAGE_CLASS, owner);
    }

    static int maxKeys(String value) {
        if (value == null || value.isEmpty()) return MAX_KEYS;
        try {
            int maxKeys = Integer.parseInt(value.strip());
            if (maxKeys >= 0 && maxKeys <= MAX_KEYS) return maxKeys;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("max_keys must be an integer from 0 to " + MAX_KEYS + ".");
    }

    void download(Exchange exchange, ApiRequest request) {
        ObjectRef ref = new ObjectRef(request.bucket(), request.key(), request.versionId());
        exchange.runOn(io, () -> ObjectResponses.send(exchange, objects.open(ref), ObjectResponses.Disposition.ATTACHMENT, true));
    }

    void delete(Exchange exchange, ApiRequest request) {
        ObjectRef ref = new ObjectRef(request.bucket(), request.key(), request.versionId());
        exchange.runOn(io, () -> {
            Deletion deletion = objects.delete(ref);
            ApiResponses.ok(exchange, new ObjectMutationResponse(DELETED, request.bucket(), request.key(), deletion.versionId(),
                    deletion.versionId() == null ? null : deletion.deleteMarker()));
        });
    }

    /**
     * Copies {@code source_bucket/source_key} onto the path's key with the object service, as
     * S3's CopyObject does: the caller must be let in to read the source as a GetObject of its
     * own, and the copy keeps the source's metadata and digests, but is the caller's.
     */
    void copy(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<CopyRequest>read(exchange, CopyRequest.class), io, body -> {
            if (body.sourceBucket() == null || body.sourceBucket().isEmpty() || body.sourceKey() == null || body.sourceKey().isEmpty()) {
                throw ApiException.badRequest("source_bucket and source_key are required.");
            }
            ObjectKeys.segments(body.sourceKey());
            String version = body.sourceVersionId();
            if (version != null && !VersionIds.isWellFormed(version)) throw ApiException.badRequest("source_version_id is not a version id.");
            access.require(request, ApiChecks.read(version), ApiRoute.Access.READ, body.sourceBucket(), body.sourceKey(), version);
            CopySpec spec = new CopySpec(null, Optional.empty(), WriteCondition.NONE, config.maxObjectSize(), null,
                    access.newObjectAcl(request.bucket(), request.credential()));
            CopiedObject copied = copies.copy(new ObjectRef(body.sourceBucket(), body.sourceKey(), version), request.bucket(), request.key(),
                    spec, source -> { });
            ApiResponses.ok(exchange, info(COPIED, request.bucket(), copied.object()));
        });
    }

    static ObjectInfo info(String status, String bucket, StoredObject object) {
        String contentType = object.metadata().map(ObjectMetadata::contentType).orElse(null);
        if (contentType == null) contentType = ContentTypes.byExtension(object.key());
        return new ObjectInfo(status, bucket, object.key(), object.size(), object.etag(), HttpDates.iso8601(object.lastModified()), contentType);
    }
}
