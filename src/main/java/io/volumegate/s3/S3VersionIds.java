package io.volumegate.s3;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.VersionIds;

/** S3's answer to a version id that cannot name an object here (see {@link VersionIds}). */
public final class S3VersionIds {
    private S3VersionIds() {}

    /** @throws S3Exception InvalidArgument unless {@code versionId} is absent or "null" */
    public static void requireCurrent(String versionId) {
        if (!VersionIds.addressesCurrentObject(versionId)) throw invalid(versionId);
    }

    /** The error S3 sends for a version id on a bucket without versioning. */
    public static S3Exception invalid(String versionId) {
        return S3Error.INVALID_ARGUMENT.exception("Invalid version id specified")
                .with("ArgumentName", "versionId").with("ArgumentValue", versionId);
    }
}
