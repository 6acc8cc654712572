/**
 * Per-bucket CORS: Put/Get/DeleteBucketCors, and the filter that answers browsers' preflights
 * and marks actual requests by the rules of the bucket they name (the server-wide
 * {@code volumegate.cors.origins} for buckets without rules).
 */
package io.volumegate.s3.cors;
