package io.volumegate.objects;

/**
 * Version ids of requests. No bucket here keeps versions, so every object is what S3 calls
 * the {@code null} version: that literal id (or none) addresses the current object, and any
 * other id names nothing that can exist. S3 answers such an id with 400 InvalidArgument on a
 * bucket without versioning and touches nothing; serving or deleting the current object
 * instead would hand out, or destroy, data the client did not ask for.
 */
public final class VersionIds {
    /** S3's id of the version an unversioned bucket has. */
    public static final String NULL_VERSION = "null";

    private VersionIds() {}

    /** True when {@code versionId} (null when the request named none) addresses the current object. */
    public static boolean addressesCurrentObject(String versionId) {
        return versionId == null || NULL_VERSION.equals(versionId);
    }
}
