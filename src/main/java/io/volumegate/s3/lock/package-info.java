/** S3 object lock: the bucket's lock configuration, and each version's retention and legal hold. */
package io.volumegate.s3.lock;
