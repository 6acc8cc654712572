package io.volumegate.access.policy;
// TEMPORARY STUB (helper builds the real one)
public final class BucketPolicy {
    private final String text;
    private BucketPolicy(String text) { this.text = text; }
    public static BucketPolicy parse(String json, String bucket) { return new BucketPolicy(json); }
    public PolicyEffect evaluate(PolicyRequest request) { return PolicyEffect.NONE; }
    public boolean isPublic() { return false; }
    public String text() { return text; }
}
