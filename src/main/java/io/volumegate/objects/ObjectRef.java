package io.volumegate.objects;

/** An object a request names by bucket and key, and optionally one version of it. */
public record ObjectRef(String bucket, String key, String versionId) {
    public static ObjectRef of(String bucket, String key) {
        return new ObjectRef(bucket, key, null);
    }

    public boolean sameObjectAs(String bucket, String key) {
        return this.bucket.equals(bucket) && this.key.equals(key) && versionId == null; // a version copied onto its key restores it
    }
}
