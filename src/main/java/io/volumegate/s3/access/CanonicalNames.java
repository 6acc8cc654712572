package io.volumegate.s3.access;

import io.volumegate.auth.Keyring;
import io.volumegate.objects.VolumeOwner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What S3 documents show of a canonical user id: the DisplayName beside it (the access key id
 * of its credential), and whether a grant may name it at all. The volume's own account
 * ({@link VolumeOwner}) owns what other programs made, so it is a user too.
 */
@ApplicationScoped
public class CanonicalNames {
    @Inject
    Keyring keyring;

    /** The display name of a canonical id; null when no credential has it (the element is then left out). */
    public String displayName(String canonicalId) {
        if (VolumeOwner.ID.equals(canonicalId)) return VolumeOwner.DISPLAY_NAME;
        return keyring.accessKeyIdOf(canonicalId).orElse(null);
    }

    /** Whether a grant may name this canonical id: the volume's account, or a credential's. */
    public boolean isKnown(String canonicalId) {
        return VolumeOwner.ID.equals(canonicalId) || keyring.accessKeyIdOf(canonicalId).isPresent();
    }
}
