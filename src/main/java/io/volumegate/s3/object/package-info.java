/**
 * The operations on one object: GetObject and HeadObject, PutObject, DeleteObject and
 * DeleteObjects, with the request headers they share (conditions, ranges, metadata).
 * CopyObject and the multipart operations build on the write helpers here.
 */
package io.volumegate.s3.object;
