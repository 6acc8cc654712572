package io.volumegate.s3.copy;

import io.volumegate.http.PercentDecoding;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.ObjectRef;
import io.volumegate.storage.VersionIds;
import io.volumegate.storage.ObjectKeys;

/**
 * What an {@code x-amz-copy-source} header names: {@code bucket/key} or {@code /bucket/key},
 * URL-encoded, optionally followed by {@code ?versionId=}. The first unencoded '?' starts
 * the query (a '?' in a key arrives as %3F), as on S3.
 *
 * <p>The key goes through the same validation as a key in a request path, so a copy can
 * neither climb out of its bucket ('..' segments) nor read the reserved folder: parsing
 * alone never touches the filesystem.
 */
public record CopySource(String bucket, String key, String versionId) {
    public static final String HEADER = "x-amz-copy-source";

    /**
     * @throws S3Exception InvalidArgument when the header does not name a bucket and a key,
     *                     is not valid percent-encoding, or asks for a version other than
     *                     "null" (there are no versions here: every object is the null
     *                     version); the key's own errors (InvalidArgument, KeyTooLongError,
     *                     AccessDenied for the reserved folder) as for any key
     */
    public static CopySource parse(String header) {
        if (header == null || header.isBlank()) throw malformed(header);
        String value = header.strip();
        int question = value.indexOf('?');
        String rawPath = question < 0 ? value : value.substring(0, question);
        String versionId = question < 0 ? null : versionId(value.substring(question + 1), header);
        if (rawPath.startsWith("/")) rawPath = rawPath.substring(1);

        int slash = rawPath.indexOf('/');
        if (slash <= 0 || slash == rawPath.length() - 1) throw malformed(header);
        String bucket;
        String key;
        try {
            bucket = PercentDecoding.headerPath(rawPath.substring(0, slash));
            key = PercentDecoding.headerPath(rawPath.substring(slash + 1));
        } catch (S3Exception badEncoding) {
            throw S3Error.INVALID_ARGUMENT.exception("Invalid copy source encoding.")
                    .with("ArgumentName", HEADER).with("ArgumentValue", header);
        }
        // %2F in the bucket part would make "a/b" a bucket name; no bucket can be called that.
        if (bucket.isEmpty() || bucket.indexOf('/') >= 0) throw malformed(header);
        ObjectKeys.segments(key);
        return new CopySource(bucket, key, versionId);
    }

    /**
     * True when this names the object the request would write: S3 calls that a copy onto
     * itself. Copying an older version onto its key is not: that restores the version.
     */
    public boolean isSameObject(String bucket, String key) {
        return this.bucket.equals(bucket) && this.key.equals(key) && versionId == null;
    }

    /** The version the header names; refused now when it cannot exist, before any other work. */
    private static String versionId(String rawQuery, String header) {
        String versionId;
        try {
            versionId = QueryParameters.parse(rawQuery).get("versionId");
        } catch (S3Exception badEncoding) {
            throw malformed(header);
        }
        return versionId == null ? null : VersionIds.requireWellFormed(versionId);
    }

    /** The source object, as the object service names it. */
    public ObjectRef ref() {
        return new ObjectRef(bucket, key, versionId);
    }

    /** A source without a version: the object's current one. */
    public static CopySource of(String bucket, String key) {
        return new CopySource(bucket, key, null);
    }

    private static S3Exception malformed(String header) {
        return S3Error.INVALID_ARGUMENT.exception("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
                .with("ArgumentName", HEADER).with("ArgumentValue", header == null ? "" : header);
    }
}
