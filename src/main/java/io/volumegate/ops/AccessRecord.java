package io.volumegate.ops;

/**
 * One access-log line's facts, taken on the request's thread when it ends; formatted later on
 * the writer's. Holds no secret: the path without its query (presigned URLs carry signatures
 * and key ids there), the access key id, never a signature or an Authorization header.
 *
 * @param epochMillis  when the request ended
 * @param remote       the client's address, after trusted proxies
 * @param accessKey    the access key id, or "-" when there was none (or it was not accepted)
 * @param bucket       null when the request named none
 * @param key          null when the request named none
 * @param errorCode    null for a success
 */
record AccessRecord(long epochMillis, String requestId, String remote, String accessKey, String method, String path,
                    String operation, String bucket, String key, int status, String errorCode, long bytesIn,
                    long bytesOut, long durationMillis, String referer, String userAgent) {
}
