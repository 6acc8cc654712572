package io.volumegate.s3;

import io.volumegate.access.Permission;
import io.volumegate.http.QueryParameters;
import io.volumegate.objects.AccessCheck;

/**
 * What each S3 operation needs to be let in: its policy action (as bucket policies name it)
 * and which ACL grant, if any, allows it. S3's ACL rules: a bucket's READ lists it, its WRITE
 * creates, overwrites and deletes objects in it; an object's READ reads it; READ_ACP and
 * WRITE_ACP read and change the ACL they are part of. Everything else (a bucket's settings,
 * an object's tags and retention) is the owner's, or whoever a policy or scope lets in.
 */
final class EndpointChecks {
    private EndpointChecks() {}

    static AccessCheck of(Endpoint endpoint, QueryParameters query) {
        boolean writes = endpoint.access() == Endpoint.Access.WRITE;
        boolean version = query.has("versionId");
        return switch (endpoint) {
            case LIST_BUCKETS -> bucket("s3:ListAllMyBuckets", null, false);
            case CREATE_BUCKET -> bucket("s3:CreateBucket", null, true);
            case DELETE_BUCKET -> bucket("s3:DeleteBucket", null, true);
            case HEAD_BUCKET, LIST_OBJECTS, LIST_OBJECTS_V2 -> bucket("s3:ListBucket", Permission.READ, false);
            case LIST_OBJECT_VERSIONS -> bucket("s3:ListBucketVersions", Permission.READ, false);
            case LIST_MULTIPART_UPLOADS -> bucket("s3:ListBucketMultipartUploads", Permission.READ, false);
            case GET_BUCKET_LOCATION -> bucket("s3:GetBucketLocation", null, false);
            case DELETE_OBJECTS -> bucket("s3:DeleteObject", Permission.WRITE, true);
            case POST_OBJECT, PUT_OBJECT, COPY_OBJECT, RENAME_OBJECT, CREATE_MULTIPART_UPLOAD, UPLOAD_PART, UPLOAD_PART_COPY,
                 COMPLETE_MULTIPART_UPLOAD -> bucket("s3:PutObject", Permission.WRITE, true);
            case GET_BUCKET_ACL -> bucket("s3:GetBucketAcl", Permission.READ_ACP, false);
            case PUT_BUCKET_ACL -> bucket("s3:PutBucketAcl", Permission.WRITE_ACP, true);
            case GET_BUCKET_CORS -> bucket("s3:GetBucketCORS", null, false);
            case PUT_BUCKET_CORS, DELETE_BUCKET_CORS -> bucket("s3:PutBucketCORS", null, true);
            case GET_BUCKET_ENCRYPTION -> bucket("s3:GetEncryptionConfiguration", null, false);
            case PUT_BUCKET_ENCRYPTION, DELETE_BUCKET_ENCRYPTION -> bucket("s3:PutEncryptionConfiguration", null, true);
            case GET_BUCKET_LIFECYCLE_CONFIGURATION -> bucket("s3:GetLifecycleConfiguration", null, false);
            case PUT_BUCKET_LIFECYCLE_CONFIGURATION, DELETE_BUCKET_LIFECYCLE -> bucket("s3:PutLifecycleConfiguration", null, true);
            case GET_BUCKET_LOGGING -> bucket("s3:GetBucketLogging", null, false);
            case PUT_BUCKET_LOGGING -> bucket("s3:PutBucketLogging", null, true);
            case GET_BUCKET_NOTIFICATION_CONFIGURATION -> bucket("s3:GetBucketNotification", null, false);
            case PUT_BUCKET_NOTIFICATION_CONFIGURATION -> bucket("s3:PutBucketNotification", null, true);
            case GET_BUCKET_POLICY -> bucket("s3:GetBucketPolicy", null, false);
            case PUT_BUCKET_POLICY -> bucket("s3:PutBucketPolicy", null, true);
            case DELETE_BUCKET_POLICY -> bucket("s3:DeleteBucketPolicy", null, true);
            case GET_BUCKET_POLICY_STATUS -> bucket("s3:GetBucketPolicyStatus", null, false);
            case GET_BUCKET_REPLICATION -> bucket("s3:GetReplicationConfiguration", null, false);
            case PUT_BUCKET_REPLICATION, DELETE_BUCKET_REPLICATION -> bucket("s3:PutReplicationConfiguration", null, true);
            case GET_BUCKET_REQUEST_PAYMENT -> bucket("s3:GetBucketRequestPayment", null, false);
            case PUT_BUCKET_REQUEST_PAYMENT -> bucket("s3:PutBucketRequestPayment", null, true);
            case GET_BUCKET_TAGGING -> bucket("s3:GetBucketTagging", null, false);
            case PUT_BUCKET_TAGGING, DELETE_BUCKET_TAGGING -> bucket("s3:PutBucketTagging", null, true);
            case GET_BUCKET_VERSIONING -> bucket("s3:GetBucketVersioning", null, false);
            case PUT_BUCKET_VERSIONING -> bucket("s3:PutBucketVersioning", null, true);
            case GET_BUCKET_WEBSITE -> bucket("s3:GetBucketWebsite", null, false);
            case PUT_BUCKET_WEBSITE -> bucket("s3:PutBucketWebsite", null, true);
            case DELETE_BUCKET_WEBSITE -> bucket("s3:DeleteBucketWebsite", null, true);
            case GET_BUCKET_ACCELERATE_CONFIGURATION -> bucket("s3:GetAccelerateConfiguration", null, false);
            case PUT_BUCKET_ACCELERATE_CONFIGURATION -> bucket("s3:PutAccelerateConfiguration", null, true);
            case GET_BUCKET_ANALYTICS_CONFIGURATION -> bucket("s3:GetAnalyticsConfiguration", null, false);
            case PUT_BUCKET_ANALYTICS_CONFIGURATION, DELETE_BUCKET_ANALYTICS_CONFIGURATION -> bucket("s3:PutAnalyticsConfiguration", null, true);
            case GET_BUCKET_INTELLIGENT_TIERING_CONFIGURATION -> bucket("s3:GetIntelligentTieringConfiguration", null, false);
            case PUT_BUCKET_INTELLIGENT_TIERING_CONFIGURATION, DELETE_BUCKET_INTELLIGENT_TIERING_CONFIGURATION ->
                    bucket("s3:PutIntelligentTieringConfiguration", null, true);
            case GET_BUCKET_INVENTORY_CONFIGURATION -> bucket("s3:GetInventoryConfiguration", null, false);
            case PUT_BUCKET_INVENTORY_CONFIGURATION, DELETE_BUCKET_INVENTORY_CONFIGURATION -> bucket("s3:PutInventoryConfiguration", null, true);
            case GET_BUCKET_METRICS_CONFIGURATION -> bucket("s3:GetMetricsConfiguration", null, false);
            case PUT_BUCKET_METRICS_CONFIGURATION, DELETE_BUCKET_METRICS_CONFIGURATION -> bucket("s3:PutMetricsConfiguration", null, true);
            case GET_BUCKET_OWNERSHIP_CONTROLS -> bucket("s3:GetBucketOwnershipControls", null, false);
            case PUT_BUCKET_OWNERSHIP_CONTROLS, DELETE_BUCKET_OWNERSHIP_CONTROLS -> bucket("s3:PutBucketOwnershipControls", null, true);
            case GET_PUBLIC_ACCESS_BLOCK -> bucket("s3:GetBucketPublicAccessBlock", null, false);
            case PUT_PUBLIC_ACCESS_BLOCK, DELETE_PUBLIC_ACCESS_BLOCK -> bucket("s3:PutBucketPublicAccessBlock", null, true);
            case GET_OBJECT_LOCK_CONFIGURATION -> bucket("s3:GetBucketObjectLockConfiguration", null, false);
            case PUT_OBJECT_LOCK_CONFIGURATION -> bucket("s3:PutBucketObjectLockConfiguration", null, true);

            case GET_OBJECT, HEAD_OBJECT, SELECT_OBJECT_CONTENT -> object(version ? "s3:GetObjectVersion" : "s3:GetObject", Permission.READ, false);
            case DELETE_OBJECT -> bucket(version ? "s3:DeleteObjectVersion" : "s3:DeleteObject", Permission.WRITE, true);
            case ABORT_MULTIPART_UPLOAD -> bucket("s3:AbortMultipartUpload", Permission.WRITE, true);
            // Who may upload to the bucket may see what it uploaded so far.
            case LIST_PARTS -> bucket("s3:ListMultipartUploadParts", Permission.WRITE, false);
            case GET_OBJECT_ACL -> object(version ? "s3:GetObjectVersionAcl" : "s3:GetObjectAcl", Permission.READ_ACP, false);
            case PUT_OBJECT_ACL -> object(version ? "s3:PutObjectVersionAcl" : "s3:PutObjectAcl", Permission.WRITE_ACP, true);
            case GET_OBJECT_TAGGING -> object(version ? "s3:GetObjectVersionTagging" : "s3:GetObjectTagging", Permission.READ, false);
            case PUT_OBJECT_TAGGING -> object(version ? "s3:PutObjectVersionTagging" : "s3:PutObjectTagging", null, true);
            case DELETE_OBJECT_TAGGING -> object(version ? "s3:DeleteObjectVersionTagging" : "s3:DeleteObjectTagging", null, true);
            case GET_OBJECT_ATTRIBUTES -> object(version ? "s3:GetObjectVersionAttributes" : "s3:GetObjectAttributes", Permission.READ, false);
            case GET_OBJECT_LEGAL_HOLD -> object("s3:GetObjectLegalHold", null, false);
            case PUT_OBJECT_LEGAL_HOLD -> object("s3:PutObjectLegalHold", null, true);
            case GET_OBJECT_RETENTION -> object("s3:GetObjectRetention", null, false);
            case PUT_OBJECT_RETENTION -> object("s3:PutObjectRetention", null, true);
            case GET_OBJECT_TORRENT -> object(version ? "s3:GetObjectVersionTorrent" : "s3:GetObjectTorrent", Permission.READ, false);
            case RESTORE_OBJECT -> object("s3:RestoreObject", null, writes);
        };
    }

    private static AccessCheck bucket(String action, Permission permission, boolean writes) {
        return new AccessCheck(action, permission, false, writes);
    }

    private static AccessCheck object(String action, Permission permission, boolean writes) {
        return new AccessCheck(action, permission, true, writes);
    }
}
