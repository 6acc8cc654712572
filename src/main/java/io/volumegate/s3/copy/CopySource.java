package io.volumegate.s3.copy;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.s3.PercentDecoding;
import io.volumegate.s3.QueryParameters;
import io.volumegate.s3.S3KeyCharacters;
import io.volumegate.s3.S3VersionIds;
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
public record CopySource(String bucket, String key) {
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
        if (question >= 0) checkVersion(value.substring(question + 1), header);
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
        S3KeyCharacters.check(key);
        ObjectKeys.segments(key);
        return new CopySource(bucket, key);
    }

    /** True when this names the object the request would write: S3 calls that a copy onto itself. */
    public boolean isSameObject(String bucket, String key) {
        return this.bucket.equals(bucket) && this.key.equals(key);
    }

    private static void checkVersion(String rawQuery, String header) {
        String versionId;
        try {
            versionId = QueryParameters.parse(rawQuery).get("versionId");
        } catch (S3Exception badEncoding) {
            throw malformed(header);
        }
        S3VersionIds.requireCurrent(versionId);
    }

    private static S3Exception malformed(String header) {
        return S3Error.INVALID_ARGUMENT.exception("Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
                .with("ArgumentName", HEADER).with("ArgumentValue", header == null ? "" : header);
    }
}
