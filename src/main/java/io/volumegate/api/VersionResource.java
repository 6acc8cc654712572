package io.volumegate.api;

import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.QueryParameters;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.VolumeOwner;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ListedVersion;
import io.volumegate.storage.VersionIds;
import io.volumegate.storage.VersionPage;
import io.volumegate.storage.VersionQuery;
import io.volumegate.storage.Versioning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * Object versions: the reference's ListObjectVersionsResponse, and (ours) a bucket's
 * versioning state. Download and delete take {@code version_id} in {@link ObjectResource}.
 */
@ApplicationScoped
public class VersionResource {
    static final String ENABLED = "Enabled";
    static final String SUSPENDED = "Suspended";

    @Inject
    ObjectService objects;
    @Inject
    BucketService buckets;
    @Inject
    IoExecutor io;

    /** A version entry; the reference spells its fields as S3 does. */
    @JsonbPropertyOrder({"Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "StorageClass"})
    public record VersionEntry(@JsonbProperty("Key") String key, @JsonbProperty("VersionId") String versionId,
                               @JsonbProperty("IsLatest") boolean isLatest, @JsonbProperty("LastModified") String lastModified,
                               @JsonbProperty("ETag") String etag, @JsonbProperty("Size") long size,
                               @JsonbProperty("StorageClass") String storageClass) {}

    @JsonbPropertyOrder({"Key", "VersionId", "IsLatest", "LastModified"})
    public record DeleteMarkerEntry(@JsonbProperty("Key") String key, @JsonbProperty("VersionId") String versionId,
                                    @JsonbProperty("IsLatest") boolean isLatest, @JsonbProperty("LastModified") String lastModified) {}

    public record VersionList(List<VersionEntry> versions, List<DeleteMarkerEntry> deleteMarkers, boolean isTruncated,
                              String nextKeyMarker, String nextVersionIdMarker, int keyCount) {}

    /** A bucket's versioning: "Enabled", "Suspended", or null for a bucket never versioned. */
    public record VersioningState(String status) {}

    void list(Exchange exchange, ApiRequest request) {
        QueryParameters query = request.query();
        String keyMarker = query.getOrDefault("key_marker", "");
        String versionIdMarker = query.getOrDefault("version_id_marker", "");
        if (!versionIdMarker.isEmpty()) {
            if (keyMarker.isEmpty()) throw ApiException.badRequest("version_id_marker needs a key_marker.");
            if (!VersionIds.isWellFormed(versionIdMarker)) throw ApiException.badRequest("version_id_marker is not a version id.");
        }
        VersionQuery versionQuery = new VersionQuery(query.getOrDefault("prefix", ""), "", keyMarker, versionIdMarker,
                ObjectResource.maxKeys(query.get("max_keys")));
        exchange.runOn(io, () -> {
            VersionPage page = objects.listVersions(request.bucket(), versionQuery);
            List<VersionEntry> versions = page.versions().stream().filter(v -> !v.deleteMarker()).map(VersionResource::version).toList();
            List<DeleteMarkerEntry> markers = page.versions().stream().filter(ListedVersion::deleteMarker)
                    .map(m -> new DeleteMarkerEntry(m.key(), m.versionId(), m.latest(), HttpDates.iso8601(m.lastModified()))).toList();
            ApiResponses.ok(exchange, new VersionList(versions, markers, page.truncated(), page.nextKeyMarker(),
                    page.nextVersionIdMarker(), page.versions().size()));
        });
    }

    private static VersionEntry version(ListedVersion v) {
        return new VersionEntry(v.key(), v.versionId(), v.latest(), HttpDates.iso8601(v.lastModified()), v.etag(), v.size(),
                VolumeOwner.STORAGE_CLASS);
    }

    void versioning(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> ApiResponses.ok(exchange, state(buckets.settings(request.bucket()).versioning())));
    }

    void setVersioning(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<VersioningState>read(exchange, VersioningState.class), io, body -> {
            Versioning wanted;
            if (ENABLED.equals(body.status())) wanted = Versioning.ENABLED;
            else if (SUSPENDED.equals(body.status())) wanted = Versioning.SUSPENDED;
            else throw ApiException.badRequest("status must be \"" + ENABLED + "\" or \"" + SUSPENDED + "\".");
            ApiResponses.ok(exchange, state(buckets.setVersioning(request.bucket(), wanted).versioning()));
        });
    }

    private static VersioningState state(Versioning versioning) {
        return new VersioningState(switch (versioning) {
            case ENABLED -> ENABLED;
            case SUSPENDED -> SUSPENDED;
            case UNVERSIONED -> null;
        });
    }
}
