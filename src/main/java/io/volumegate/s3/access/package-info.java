/**
 * S3's access control operations: Get/Put Bucket and Object ACL, Put/Get/DeleteBucketPolicy
 * and GetBucketPolicyStatus, Put/Get/DeletePublicAccessBlock, Put/Get/DeleteBucketOwnershipControls,
 * and the checks the write paths share with them ({@link io.volumegate.s3.access.PublicAccessBlocks},
 * {@link io.volumegate.s3.access.ObjectOwnershipControls}). Who may call them is the
 * authorizer's business; these operations read and change what it decides by.
 */
package io.volumegate.s3.access;
