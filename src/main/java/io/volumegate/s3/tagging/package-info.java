/**
 * S3 tags: Put/Get/DeleteObjectTagging, Put/Get/DeleteBucketTagging, and S3's rules for a tag
 * set ({@code x-amz-tagging} headers, tagging documents, their limits and errors).
 */
package io.volumegate.s3.tagging;
