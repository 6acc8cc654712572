package io.volumegate.s3.object;

import io.volumegate.http.S3Error;
import io.volumegate.storage.WriteCondition;
import jakarta.servlet.http.HttpServletRequest;

/** Conditional PUT headers: If-None-Match: * (create only) and If-Match (replace only that version). */
public final class WriteConditions {
    private WriteConditions() {}

    public static WriteCondition from(HttpServletRequest request) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        String ifMatch = request.getHeader("If-Match");
        if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
            throw S3Error.NOT_IMPLEMENTED.exception("If-None-Match on writes supports only '*'.");
        }
        if (ifMatch == null && ifNoneMatch == null) return WriteCondition.NONE;
        return new WriteCondition(ifNoneMatch != null, ifMatch == null ? null : ifMatch.trim());
    }
}
