package io.volumegate.s3.bucket;

import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.http.SmallBody;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.ObjectService;
import io.volumegate.s3.ListEncoding;
import io.volumegate.s3.Principals;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.xml.CommonPrefix;
import io.volumegate.s3.xml.ListVersionsResult;
import io.volumegate.s3.xml.Owner;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.s3.xml.VersioningConfiguration;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ListedVersion;
import io.volumegate.storage.VersionIds;
import io.volumegate.storage.VersionPage;
import io.volumegate.storage.VersionQuery;
import io.volumegate.storage.Versioning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.UnaryOperator;

/** GetBucketVersioning, PutBucketVersioning and ListObjectVersions. */
@ApplicationScoped
public class VersioningOperations {
    private static final int MAX_CONFIGURATION_BYTES = 16 * 1024;

    @Inject
    AccessService access;
    @Inject
    Principals principals;
    @Inject
    BucketService buckets;
    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;

    public void getBucketVersioning(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            Versioning versioning = buckets.settings(request.bucket()).versioning();
            VersioningConfiguration answer = new VersioningConfiguration();
            if (versioning != Versioning.UNVERSIONED) answer.Status = versioning == Versioning.ENABLED ? "Enabled" : "Suspended";
            exchange.finishWith(S3Xml.write(answer), S3Xml.CONTENT_TYPE);
        });
    }

    public void putBucketVersioning(Exchange exchange, S3Request request) throws Exception {
        exchange.then(SmallBody.read(exchange, MAX_CONFIGURATION_BYTES), io, body -> {
            Versioning versioning = requested(S3Xml.read(body, VersioningConfiguration.class));
            buckets.setVersioning(request.bucket(), versioning);
            exchange.finishEmpty();
        });
    }

    /**
     * The state a configuration asks for. MFA delete needs a hardware token's code on every
     * request that changes versioning or removes a version, which no credential here has.
     */
    private static Versioning requested(VersioningConfiguration configuration) {
        String mfaDelete = configuration.MfaDelete;
        if (mfaDelete != null && !mfaDelete.equals("Disabled") && !mfaDelete.equals("Enabled")) {
            throw S3Error.ILLEGAL_VERSIONING_CONFIGURATION.exception("MfaDelete must be Enabled or Disabled.");
        }
        if ("Enabled".equals(mfaDelete)) {
            throw S3Error.ACCESS_DENIED.exception("Mfa Authentication must be used for this request: this server has no MFA devices.");
        }
        if ("Enabled".equals(configuration.Status)) return Versioning.ENABLED;
        if ("Suspended".equals(configuration.Status)) return Versioning.SUSPENDED;
        throw S3Error.ILLEGAL_VERSIONING_CONFIGURATION.exception("The Status must be Enabled or Suspended.");
    }

    public void listObjectVersions(Exchange exchange, S3Request request) {
        QueryParameters query = request.query();
        String keyMarker = query.getOrDefault("key-marker", "");
        String versionIdMarker = query.getOrDefault("version-id-marker", "");
        if (!versionIdMarker.isEmpty()) {
            if (keyMarker.isEmpty()) {
                throw S3Error.INVALID_ARGUMENT.exception("A version-id marker cannot be specified without a key marker.");
            }
            VersionIds.requireWellFormed(versionIdMarker);
        }
        VersionQuery versionQuery = new VersionQuery(query.getOrDefault("prefix", ""), query.getOrDefault("delimiter", ""),
                keyMarker, versionIdMarker, ListOperations.maxKeys(query));
        UnaryOperator<String> encode = ListEncoding.from(query);

        exchange.runOn(io, () -> {
            VersionPage page = objects.listVersions(request.bucket(), versionQuery);
            ListVersionsResult result = new ListVersionsResult();
            result.Name = request.bucket();
            result.Prefix = encode.apply(versionQuery.prefix());
            result.KeyMarker = encode.apply(keyMarker);
            result.VersionIdMarker = versionIdMarker;
            result.MaxKeys = versionQuery.maxKeys();
            result.Delimiter = versionQuery.delimiter().isEmpty() ? null : encode.apply(versionQuery.delimiter());
            result.EncodingType = query.get(ListEncoding.PARAMETER);
            result.IsTruncated = page.truncated();
            if (page.truncated()) {
                result.NextKeyMarker = encode.apply(page.nextKeyMarker());
                result.NextVersionIdMarker = page.nextVersionIdMarker();
            }
            // A version shows its writer; a delete marker, and what another program wrote, the bucket's owner.
            Owner bucketOwner = principals.owner(access.rules(request.bucket()).owner());
            for (ListedVersion version : page.versions()) {
                result.entries.add(entry(version, encode, version.owner() == null ? bucketOwner : principals.owner(version.owner())));
            }
            result.commonPrefixes = page.commonPrefixes().stream().map(prefix -> new CommonPrefix(encode.apply(prefix))).toList();
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    private static Object entry(ListedVersion version, UnaryOperator<String> encode, Owner owner) {
        if (version.deleteMarker()) {
            ListVersionsResult.DeleteMarker marker = new ListVersionsResult.DeleteMarker();
            marker.Key = encode.apply(version.key());
            marker.VersionId = version.versionId();
            marker.IsLatest = version.latest();
            marker.LastModified = HttpDates.iso8601(version.lastModified());
            marker.Owner = owner;
            return marker;
        }
        ListVersionsResult.Version entry = new ListVersionsResult.Version();
        entry.Key = encode.apply(version.key());
        entry.VersionId = version.versionId();
        entry.IsLatest = version.latest();
        entry.LastModified = HttpDates.iso8601(version.lastModified());
        entry.ETag = version.etag();
        entry.Size = version.size();
        entry.Owner = owner;
        return entry;
    }
}
