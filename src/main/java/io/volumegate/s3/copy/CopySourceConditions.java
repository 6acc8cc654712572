package io.volumegate.s3.copy;

import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.storage.EtagConditions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * The four {@code x-amz-copy-source-if-*} headers of CopyObject and UploadPartCopy, held
 * against the SOURCE object. Any failing condition is 412 PreconditionFailed (never 304:
 * a copy has nothing to not-send), with S3's precedence, which is RFC 7232's:
 * <ul>
 *   <li>a matching if-match overrides a failing if-unmodified-since (S3 copies);</li>
 *   <li>a failing if-none-match fails even when if-modified-since holds; when if-none-match
 *       is present, if-modified-since is not evaluated;</li>
 *   <li>a date that cannot be parsed, or an if-modified-since later than now, is ignored
 *       (S3 then copies; RFC 7232 §3.3 calls a future date invalid).</li>
 * </ul>
 */
public final class CopySourceConditions {
    static final String IF_MATCH = "x-amz-copy-source-if-match";
    static final String IF_NONE_MATCH = "x-amz-copy-source-if-none-match";
    static final String IF_MODIFIED_SINCE = "x-amz-copy-source-if-modified-since";
    static final String IF_UNMODIFIED_SINCE = "x-amz-copy-source-if-unmodified-since";

    private CopySourceConditions() {}

    /**
     * @param header       request header by name, null when absent
     * @param etag         the source's ETag, quoted as served
     * @param lastModified the source's last-modified time (compared at HTTP-date precision: seconds)
     * @throws io.volumegate.http.S3Exception 412 PreconditionFailed
     */
    public static void check(Function<String, String> header, String etag, Instant lastModified, Instant now) {
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = header.apply(IF_MATCH);
        String ifNoneMatch = header.apply(IF_NONE_MATCH);
        Instant ifModifiedSince = HttpDates.parseHttp(header.apply(IF_MODIFIED_SINCE));
        Instant ifUnmodifiedSince = HttpDates.parseHttp(header.apply(IF_UNMODIFIED_SINCE));

        if (ifMatch != null) {
            if (!EtagConditions.matchesAny(ifMatch, etag)) throw failed(IF_MATCH);
        } else if (ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
            throw failed(IF_UNMODIFIED_SINCE);
        }
        if (ifNoneMatch != null) {
            if (EtagConditions.matchesAny(ifNoneMatch, etag)) throw failed(IF_NONE_MATCH);
        } else if (ifModifiedSince != null && !ifModifiedSince.isAfter(now) && !modified.isAfter(ifModifiedSince)) {
            throw failed(IF_MODIFIED_SINCE);
        }
    }

    /** S3 names the condition that failed, as it does for GET's conditions. */
    private static RuntimeException failed(String condition) {
        return S3Error.PRECONDITION_FAILED.exception().with("Condition", condition);
    }
}
