package io.volumegate.objects;

/**
 * Who owns every bucket and object on a volume, as far as clients can tell: the server's one
 * account. The S3 side shows it as the Owner of listings, the management API as
 * {@code owner}, so both name the same owner.
 */
public final class VolumeOwner {
    public static final String ID = "volumegate";
    public static final String DISPLAY_NAME = "volumegate";
    /** The only storage class objects here have: every byte is on the one volume. */
    public static final String STORAGE_CLASS = "STANDARD";

    private VolumeOwner() {}
}
