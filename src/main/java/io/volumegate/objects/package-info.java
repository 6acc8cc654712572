/**
 * The one object service both APIs stand on: buckets, objects (put, get, head, delete,
 * copy, list, bulk delete) and multipart uploads, in terms of neither protocol. The S3
 * operations and the management API's resources parse their protocol, call a service here,
 * and render their protocol; failures are {@link io.volumegate.storage.StorageException}s,
 * which each protocol maps to its own errors in one table. Methods block on the filesystem:
 * call them from the I/O executor.
 */
package io.volumegate.objects;
