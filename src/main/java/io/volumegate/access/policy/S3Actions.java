package io.volumegate.access.policy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every action a bucket policy may name under S3's service prefix {@code s3}: the list of the
 * Service Authorization Reference ("Actions, resources, and condition keys for Amazon S3"), 180
 * actions, S3 Control's and S3 on Outposts' included, since S3 accepts them in a bucket policy
 * too. A policy that names anything else (or a wildcard that matches none of these) is refused as
 * S3 refuses it, "Policy has invalid action".
 */
public final class S3Actions {
    private static final String PREFIX = "s3:";
    private static final List<String> NAMES = List.of(
            "AbortMultipartUpload", "AllowVendedLogDeliveryForResource", "AssociateAccessGrantsIdentityCenter",
            "BypassGovernanceRetention", "CreateAccessGrant", "CreateAccessGrantsInstance",
            "CreateAccessGrantsLocation", "CreateAccessPoint", "CreateAccessPointForObjectLambda", "CreateBucket",
            "CreateBucketMetadataTableConfiguration", "CreateJob", "CreateMultiRegionAccessPoint",
            "CreateStorageLensGroup", "DeleteAccessGrant", "DeleteAccessGrantsInstance",
            "DeleteAccessGrantsInstanceResourcePolicy", "DeleteAccessGrantsLocation", "DeleteAccessPoint",
            "DeleteAccessPointForObjectLambda", "DeleteAccessPointPolicy", "DeleteAccessPointPolicyForObjectLambda",
            "DeleteBucket", "DeleteBucketMetadataTableConfiguration", "DeleteBucketPolicy", "DeleteBucketWebsite",
            "DeleteJobTagging", "DeleteMultiRegionAccessPoint", "DeleteObject", "DeleteObjectAnnotation",
            "DeleteObjectTagging", "DeleteObjectVersion", "DeleteObjectVersionAnnotation",
            "DeleteObjectVersionTagging", "DeleteStorageLensConfiguration", "DeleteStorageLensConfigurationTagging",
            "DeleteStorageLensGroup", "DescribeJob", "DescribeMultiRegionAccessPointOperation",
            "DissociateAccessGrantsIdentityCenter", "GetAccelerateConfiguration", "GetAccessGrant",
            "GetAccessGrantsInstance", "GetAccessGrantsInstanceForPrefix", "GetAccessGrantsInstanceResourcePolicy",
            "GetAccessGrantsLocation", "GetAccessPoint", "GetAccessPointConfigurationForObjectLambda",
            "GetAccessPointForObjectLambda", "GetAccessPointPolicy", "GetAccessPointPolicyForObjectLambda",
            "GetAccessPointPolicyStatus", "GetAccessPointPolicyStatusForObjectLambda", "GetAccountPublicAccessBlock",
            "GetAnalyticsConfiguration", "GetBucketAbac", "GetBucketAcl", "GetBucketCORS", "GetBucketLocation",
            "GetBucketLogging", "GetBucketMetadataTableConfiguration", "GetBucketNotification",
            "GetBucketObjectLockConfiguration", "GetBucketOwnershipControls", "GetBucketPolicy",
            "GetBucketPolicyStatus", "GetBucketPublicAccessBlock", "GetBucketRequestPayment", "GetBucketTagging",
            "GetBucketVersioning", "GetBucketWebsite", "GetDataAccess", "GetEncryptionConfiguration",
            "GetIntelligentTieringConfiguration", "GetInventoryConfiguration", "GetJobTagging",
            "GetLifecycleConfiguration", "GetMetricsConfiguration", "GetMultiRegionAccessPoint",
            "GetMultiRegionAccessPointPolicy", "GetMultiRegionAccessPointPolicyStatus",
            "GetMultiRegionAccessPointRoutes", "GetObject", "GetObjectAcl", "GetObjectAnnotation",
            "GetObjectAttributes", "GetObjectLegalHold", "GetObjectRetention", "GetObjectTagging", "GetObjectTorrent",
            "GetObjectVersion", "GetObjectVersionAcl", "GetObjectVersionAnnotation",
            "GetObjectVersionAnnotationForReplication", "GetObjectVersionAttributes", "GetObjectVersionForReplication",
            "GetObjectVersionTagging", "GetObjectVersionTorrent", "GetReplicationConfiguration",
            "GetStorageLensConfiguration", "GetStorageLensConfigurationTagging", "GetStorageLensDashboard",
            "GetStorageLensGroup", "InitiateReplication", "ListAccessGrants", "ListAccessGrantsInstances",
            "ListAccessGrantsLocations", "ListAccessPoints", "ListAccessPointsForObjectLambda", "ListAllMyBuckets",
            "ListBucket", "ListBucketMultipartUploads", "ListBucketVersions", "ListCallerAccessGrants", "ListJobs",
            "ListMultiRegionAccessPoints", "ListMultipartUploadParts", "ListObjectAnnotations",
            "ListObjectVersionAnnotations", "ListStorageLensConfigurations", "ListStorageLensGroups",
            "ListTagsForResource", "ObjectOwnerOverrideToBucketOwner", "PauseReplication",
            "PutAccelerateConfiguration", "PutAccessGrantsInstanceResourcePolicy",
            "PutAccessPointConfigurationForObjectLambda", "PutAccessPointPolicy",
            "PutAccessPointPolicyForObjectLambda", "PutAccessPointPublicAccessBlock", "PutAccountPublicAccessBlock",
            "PutAnalyticsConfiguration", "PutBucketAbac", "PutBucketAcl", "PutBucketCORS", "PutBucketLogging",
            "PutBucketNotification", "PutBucketObjectLockConfiguration", "PutBucketOwnershipControls",
            "PutBucketPolicy", "PutBucketPublicAccessBlock", "PutBucketRequestPayment", "PutBucketTagging",
            "PutBucketVersioning", "PutBucketWebsite", "PutEncryptionConfiguration",
            "PutIntelligentTieringConfiguration", "PutInventoryConfiguration", "PutJobTagging",
            "PutLifecycleConfiguration", "PutMetricsConfiguration", "PutMultiRegionAccessPointPolicy", "PutObject",
            "PutObjectAcl", "PutObjectAnnotation", "PutObjectLegalHold", "PutObjectRetention", "PutObjectTagging",
            "PutObjectVersionAcl", "PutObjectVersionAnnotation", "PutObjectVersionTagging",
            "PutReplicationConfiguration", "PutStorageLensConfiguration", "PutStorageLensConfigurationTagging",
            "ReplicateDelete", "ReplicateObject", "ReplicateObjectAnnotation", "ReplicateTags", "RestoreObject",
            "SubmitMultiRegionAccessPointRoutes", "TagResource", "UntagResource", "UpdateAccessGrantsLocation",
            "UpdateBucketMetadataAnnotationTableConfiguration", "UpdateBucketMetadataInventoryTableConfiguration",
            "UpdateBucketMetadataJournalTableConfiguration", "UpdateJobPriority", "UpdateJobStatus",
            "UpdateObjectEncryption", "UpdateStorageLensGroup");
    /** The full names ({@code s3:GetObject}), as written, for matching wildcards against. */
    static final List<String> ALL = NAMES.stream().map(name -> PREFIX + name).toList();
    /** The full names in lower case, for the case-insensitive look-up AWS makes. */
    private static final Set<String> LOWER_CASE = ALL.stream().map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());

    private S3Actions() {}

    /**
     * Whether the action, e.g. {@code s3:GetObject}, is one of S3's; the service prefix and the
     * name in any case, as AWS compares them. No wildcards: this is a name, not a pattern.
     */
    public static boolean isKnown(String action) {
        return LOWER_CASE.contains(action.toLowerCase(Locale.ROOT));
    }
}
