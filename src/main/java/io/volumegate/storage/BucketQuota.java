package io.volumegate.storage;

/**
 * The most a bucket may hold: content bytes and stored versions (every version of a
 * versioned bucket counts, as on Ceph RGW: it is all on the disk). Either may be null for no
 * limit. Kept in the bucket's settings file, where an operator may also write it.
 */
public record BucketQuota(Long maxBytes, Long maxObjects) {
    public static final BucketQuota NONE = new BucketQuota(null, null);

    public BucketQuota {
        if (maxBytes != null && maxBytes < 0) throw new IllegalArgumentException("max_bytes must not be negative");
        if (maxObjects != null && maxObjects < 0) throw new IllegalArgumentException("max_objects must not be negative");
    }

    public boolean isNone() {
        return maxBytes == null && maxObjects == null;
    }

    /**
     * Refuses (QUOTA_EXCEEDED) a write that would grow the bucket past a limit. Only growth is
     * held to it: a write that shrinks or keeps a number is allowed even above a limit that was
     * lowered meanwhile, so a bucket over its quota can still be cleaned up by overwrites.
     *
     * @param taken  what the bucket holds plus what writes in flight have reserved
     * @param growth what this write adds (negative numbers: frees)
     */
    public void require(Usage taken, Usage growth) {
        if (maxBytes != null && growth.bytes() > 0 && taken.bytes() + growth.bytes() > maxBytes) {
            throw exceeded("The bucket's quota of " + maxBytes + " bytes leaves no room for this object ("
                    + taken.bytes() + " bytes used or reserved).");
        }
        requireObjects(taken, growth.objects());
    }

    /**
     * {@link #require} for a body whose size is not known before it ends (HTTP chunked, a form
     * upload): refused up front only once the byte limit is reached; its commit is held to the
     * quota with its real size.
     */
    public void requireUnknownSize(Usage taken, long objects) {
        if (maxBytes != null && taken.bytes() >= maxBytes) {
            throw exceeded("The bucket's quota of " + maxBytes + " bytes is reached.");
        }
        requireObjects(taken, objects);
    }

    private void requireObjects(Usage taken, long objects) {
        if (maxObjects != null && objects > 0 && taken.objects() + objects > maxObjects) {
            throw exceeded("The bucket's quota of " + maxObjects + " objects is reached.");
        }
    }

    private static StorageException exceeded(String message) {
        return new StorageException(StorageException.Reason.QUOTA_EXCEEDED, message);
    }
}
