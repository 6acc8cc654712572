package io.volumegate.s3;

import io.volumegate.objects.VolumeOwner;
import io.volumegate.s3.xml.Owner;

/** A volume has one owner as far as S3 clients can tell: the server's account ({@link VolumeOwner}). */
public final class S3Owner {
    public static final Owner OWNER = new Owner(VolumeOwner.ID, VolumeOwner.DISPLAY_NAME);

    private S3Owner() {}
}
