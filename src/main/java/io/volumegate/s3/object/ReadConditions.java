package io.volumegate.s3.object;

import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.storage.EtagConditions;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since on GET and HEAD, with
 * S3's precedence: a matching If-Match overrides a failing If-Unmodified-Since, and a
 * failing If-None-Match (→ 304) overrides a passing If-Modified-Since.
 */
final class ReadConditions {
    private ReadConditions() {}

    /** True when the client's copy is current (answer 304); throws 412 PreconditionFailed. */
    static boolean notModified(HttpServletRequest request, String etag, Instant lastModified) {
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = request.getHeader("If-Match");
        String ifNoneMatch = request.getHeader("If-None-Match");
        Instant ifModifiedSince = HttpDates.parseHttp(request.getHeader("If-Modified-Since"));
        Instant ifUnmodifiedSince = HttpDates.parseHttp(request.getHeader("If-Unmodified-Since"));

        if (ifMatch != null) {
            if (!EtagConditions.matchesAny(ifMatch, etag)) throw S3Error.PRECONDITION_FAILED.exception();
        } else if (ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
            throw S3Error.PRECONDITION_FAILED.exception();
        }
        if (ifNoneMatch != null) return EtagConditions.matchesAny(ifNoneMatch, etag);
        return ifModifiedSince != null && !modified.isAfter(ifModifiedSince);
    }
}
