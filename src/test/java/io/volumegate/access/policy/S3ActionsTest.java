package io.volumegate.access.policy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3's action names, from the Service Authorization Reference. */
class S3ActionsTest {
    @Test
    void knowsTheActionsOfEveryS3Operation() {
        for (String action : new String[] {"s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
                "s3:ListAllMyBuckets", "s3:CreateBucket", "s3:DeleteBucket", "s3:GetBucketPolicy", "s3:PutBucketPolicy",
                "s3:DeleteBucketPolicy", "s3:GetBucketPolicyStatus", "s3:GetBucketPublicAccessBlock",
                "s3:PutBucketPublicAccessBlock", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts",
                "s3:ListBucketMultipartUploads", "s3:ListBucketVersions", "s3:GetObjectVersion", "s3:DeleteObjectVersion",
                "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:DeleteObjectTagging", "s3:GetObjectAcl",
                "s3:PutObjectAcl", "s3:GetBucketAcl", "s3:PutBucketAcl", "s3:GetBucketCORS", "s3:PutBucketCORS",
                "s3:GetBucketVersioning", "s3:PutBucketVersioning", "s3:GetBucketTagging", "s3:PutBucketTagging",
                "s3:GetBucketObjectLockConfiguration", "s3:PutBucketObjectLockConfiguration", "s3:GetObjectRetention",
                "s3:PutObjectRetention", "s3:GetObjectLegalHold", "s3:PutObjectLegalHold", "s3:BypassGovernanceRetention",
                "s3:GetObjectAttributes", "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration",
                "s3:GetBucketLocation", "s3:RestoreObject", "s3:GetEncryptionConfiguration"}) {
            assertTrue(S3Actions.isKnown(action), action);
        }
        assertEquals(180, S3Actions.ALL.size());
    }

    @Test
    void namesAreCaseInsensitivePrefixIncluded() {
        assertTrue(S3Actions.isKnown("S3:GETOBJECT"));
        assertTrue(S3Actions.isKnown("s3:getbucketcors"));
    }

    @Test
    void patternsOtherServicesAndMadeUpNamesAreUnknown() {
        for (String action : new String[] {"s3:*", "s3:Get*", "*", "GetObject", "ec2:RunInstances", "s3:ListObjects",
                "s3:PutObjectLockConfiguration", "s3:VersionStatus", "s3:", "", "s3:GetObject "}) {
            assertFalse(S3Actions.isKnown(action), action);
        }
    }
}
