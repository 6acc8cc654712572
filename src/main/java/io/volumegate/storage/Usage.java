package io.volumegate.storage;

/**
 * What a bucket (or one key) holds: the content bytes of its stored versions (file sizes, as
 * S3 counts them, not disk blocks) and how many versions that is. Also a change of that, so
 * either number may be negative.
 */
public record Usage(long bytes, long objects) {
    public static final Usage ZERO = new Usage(0, 0);

    public Usage plus(Usage other) {
        return new Usage(bytes + other.bytes, objects + other.objects);
    }

    public Usage minus(Usage other) {
        return new Usage(bytes - other.bytes, objects - other.objects);
    }

    public boolean isZero() {
        return bytes == 0 && objects == 0;
    }
}
