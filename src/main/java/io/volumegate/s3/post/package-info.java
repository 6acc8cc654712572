/**
 * POST Object, the browser form upload: the form's fields and policy, its file streamed
 * into the object service like a PutObject body, and S3's answers (status, redirect).
 */
package io.volumegate.s3.post;
