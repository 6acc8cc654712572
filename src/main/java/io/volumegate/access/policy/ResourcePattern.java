package io.volumegate.access.policy;

/**
 * One entry of a statement's Resource (or NotResource): {@code *}, or an S3 ARN,
 * {@code arn:aws:s3:::<bucket>} or {@code arn:aws:s3:::<bucket>/<key>}, with IAM's wildcards,
 * matched case-sensitively (keys are). A bucket policy may speak only of its own bucket: S3
 * refuses ("Policy has invalid resource") an ARN of another service or partition, one whose
 * resource starts with a slash, and one that can name neither the bucket nor an object in it;
 * a wildcard that can ({@code arn:aws:s3:::*}, {@code arn:aws:s3:::buck*}/*) is fine.
 */
final class ResourcePattern {
    private static final String PREFIX = "arn:aws:s3:::";

    private ResourcePattern() {}

    /** @throws MalformedPolicyException "Policy has invalid resource" */
    static WildcardPattern compile(String resource, String bucket) {
        if (resource.equals("*")) return WildcardPattern.ANYTHING;
        if (!resource.startsWith(PREFIX)) throw invalid();
        String name = resource.substring(PREFIX.length());
        if (name.isEmpty() || name.startsWith("/")) throw invalid();
        WildcardPattern pattern = WildcardPattern.of(name, false);
        if (!pattern.matches(bucket) && !pattern.matchesSomethingStartingWith(bucket + "/")) throw invalid();
        return WildcardPattern.of(resource, false);
    }

    private static MalformedPolicyException invalid() {
        return new MalformedPolicyException(MalformedPolicyException.INVALID_RESOURCE);
    }
}
