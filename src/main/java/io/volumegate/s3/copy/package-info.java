/**
 * CopyObject, and the one way to read a copy source ({@link CopySources}):
 * x-amz-copy-source with its conditions and range, the read scope, opening the source,
 * copying its bytes with their digests. UploadPartCopy reads its source through it too.
 */
package io.volumegate.s3.copy;
