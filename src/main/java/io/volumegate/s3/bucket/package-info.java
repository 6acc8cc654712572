/**
 * The operations on the service and on a bucket: ListBuckets, CreateBucket, DeleteBucket,
 * HeadBucket, GetBucketLocation, and listing a bucket's objects (ListObjects V1 and V2).
 */
package io.volumegate.s3.bucket;
