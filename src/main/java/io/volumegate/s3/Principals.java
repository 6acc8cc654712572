package io.volumegate.s3;

import io.volumegate.auth.Keyring;
import io.volumegate.objects.VolumeOwner;
import io.volumegate.s3.xml.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The credentials behind canonical user ids, as S3 answers show them: an owner or grantee is
 * its id and a display name, ours the credential's access key id. The volume's own account
 * ({@link VolumeOwner}) owns what other programs made, so it is a user too.
 */
@ApplicationScoped
public class Principals {
    @Inject
    Keyring keyring;

    /** Whether a grant may name this id: the volume's account, or a credential's. */
    public boolean exists(String canonicalId) {
        return VolumeOwner.ID.equals(canonicalId) || keyring.accessKeyIdOf(canonicalId).isPresent();
    }

    /** The display name of the id; null for an id no credential has (any more): the element is then left out. */
    public String displayName(String canonicalId) {
        if (VolumeOwner.ID.equals(canonicalId)) return VolumeOwner.DISPLAY_NAME;
        return keyring.accessKeyIdOf(canonicalId).orElse(null);
    }

    /** The id as an S3 Owner element. */
    public Owner owner(String canonicalId) {
        String name = displayName(canonicalId);
        return new Owner(canonicalId, name == null ? canonicalId : name);
    }
}
