package io.volumegate.objects;

/** The names bucket policies use for what a request touches. */
final class PolicyResources {
    private PolicyResources() {}

    /** The ARN of the bucket, or of the object at {@code key} in it. */
    static String arn(String bucket, String key) {
        return key == null ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
    }

    /** Whether the action reads or changes the bucket policy itself. */
    static boolean isPolicyAction(String action) {
        return action.equals("s3:GetBucketPolicy") || action.equals("s3:PutBucketPolicy") || action.equals("s3:DeleteBucketPolicy");
    }
}
