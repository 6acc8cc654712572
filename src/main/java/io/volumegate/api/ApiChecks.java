package io.volumegate.api;

import io.volumegate.access.Permission;
import io.volumegate.objects.AccessCheck;

/**
 * What each management API route needs to be let in, in the terms the S3 side uses for the
 * same operation: its policy action (as bucket policies name it) and which ACL grant, if any,
 * allows it. A bucket's READ lists it, its WRITE creates, overwrites and deletes objects in
 * it; an object's READ reads it; READ_ACP and WRITE_ACP read and change the ACL they are part
 * of; everything else is the owner's, or whoever the credential's scope or a policy lets in.
 */
final class ApiChecks {
    /** Object reads. */
    static final AccessCheck GET_OBJECT = object("s3:GetObject", Permission.READ, false);
    static final AccessCheck GET_OBJECT_VERSION = object("s3:GetObjectVersion", Permission.READ, false);
    /** Writing an object into a bucket: upload, copy target, multipart. */
    static final AccessCheck PUT_OBJECT = bucket("s3:PutObject", Permission.WRITE, true);
    static final AccessCheck DELETE_OBJECT = bucket("s3:DeleteObject", Permission.WRITE, true);

    private ApiChecks() {}

    /** The read of an object, or of one version of it. */
    static AccessCheck read(String versionId) {
        return versionId == null ? GET_OBJECT : GET_OBJECT_VERSION;
    }

    /**
     * The check of a route on its path's bucket (and key); null for a route that names no
     * bucket in its path, for the bulk routes, whose handlers check each key of the body, and for
     * the quota's changes, which only an admin or the owner may make (QuotaResource).
     */
    static AccessCheck of(ApiRoute route, boolean version) {
        return switch (route) {
            case ISSUE_TOKEN, RENEW_TOKEN, CALLER, CREATE_CREDENTIAL, LIST_CREDENTIALS, DELETE_CREDENTIAL, LIST_BUCKETS, CREATE_BUCKET,
                 PRESIGN, OPENAPI, DELETE_OBJECTS, DOWNLOAD_ZIP, PRESIGN_KEYS, SHARE -> null;
            case GET_BUCKET, LIST_OBJECTS, GET_QUOTA -> bucket("s3:ListBucket", Permission.READ, false);
            // An admin or the owner only, whatever scope, policy or ACL says: QuotaResource decides.
            case PUT_QUOTA, DELETE_QUOTA, RECONCILE_USAGE -> null;
            case DELETE_BUCKET -> bucket("s3:DeleteBucket", null, true);
            case UPLOAD_OBJECT, COPY_OBJECT, PRESIGN_POST, PRESIGN_MULTIPART, CREATE_MULTIPART, UPLOAD_PART, COMPLETE_MULTIPART -> PUT_OBJECT;
            case DOWNLOAD_OBJECT, HEAD_OBJECT -> version ? GET_OBJECT_VERSION : GET_OBJECT;
            case DELETE_OBJECT -> version ? bucket("s3:DeleteObjectVersion", Permission.WRITE, true) : DELETE_OBJECT;
            case ABORT_MULTIPART -> bucket("s3:AbortMultipartUpload", Permission.WRITE, true);
            // Who may upload to the bucket may see what it uploaded so far.
            case LIST_PARTS -> bucket("s3:ListMultipartUploadParts", Permission.WRITE, false);
            case LIST_VERSIONS -> bucket("s3:ListBucketVersions", Permission.READ, false);
            case GET_VERSIONING -> bucket("s3:GetBucketVersioning", null, false);
            case SET_VERSIONING -> bucket("s3:PutBucketVersioning", null, true);
            case GET_OBJECT_ACL -> object(version ? "s3:GetObjectVersionAcl" : "s3:GetObjectAcl", Permission.READ_ACP, false);
            case PUT_OBJECT_ACL -> object(version ? "s3:PutObjectVersionAcl" : "s3:PutObjectAcl", Permission.WRITE_ACP, true);
            case GET_BUCKET_ACL -> bucket("s3:GetBucketAcl", Permission.READ_ACP, false);
            case PUT_BUCKET_ACL -> bucket("s3:PutBucketAcl", Permission.WRITE_ACP, true);
            case GET_BUCKET_POLICY -> bucket("s3:GetBucketPolicy", null, false);
            case PUT_BUCKET_POLICY -> bucket("s3:PutBucketPolicy", null, true);
            case DELETE_BUCKET_POLICY -> bucket("s3:DeleteBucketPolicy", null, true);
            case GET_BUCKET_POLICY_STATUS -> bucket("s3:GetBucketPolicyStatus", null, false);
        };
    }

    private static AccessCheck bucket(String action, Permission permission, boolean writes) {
        return new AccessCheck(action, permission, false, writes);
    }

    private static AccessCheck object(String action, Permission permission, boolean writes) {
        return new AccessCheck(action, permission, true, writes);
    }
}
