/**
 * Rules about objects that hold whichever protocol asks: the S3 operations and the JSON
 * management API call them alike, and each turns a refusal into its own protocol's error.
 * Depends on nothing of http, s3 or api (it is to become the protocol-neutral object
 * service layer).
 */
package io.volumegate.objects;
