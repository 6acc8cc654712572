/**
 * Multipart uploads: CreateMultipartUpload, UploadPart, UploadPartCopy,
 * CompleteMultipartUpload, AbortMultipartUpload, ListMultipartUploads and ListParts, over
 * the staging area of {@link io.volumegate.storage.multipart}.
 */
package io.volumegate.s3.multipart;
