package io.volumegate.s3;

import io.volumegate.auth.Keyring;
import io.volumegate.s3.xml.Owner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The credentials behind canonical user ids, as S3 answers show them: an owner or grantee is
 * its id and a display name, ours the credential's access key id.
 */
@ApplicationScoped
public class Principals {
    @Inject
    Keyring keyring;

    /** Whether the id is a credential's (grants may name only those). */
    public boolean exists(String canonicalId) {
        return keyring.accessKeyIdOf(canonicalId).isPresent();
    }

    /** The display name of the id; null for an id no credential has (any more), as for the volume's own owner. */
    public String displayName(String canonicalId) {
        return keyring.accessKeyIdOf(canonicalId).orElse(null);
    }

    /** The id as an S3 Owner element. */
    public Owner owner(String canonicalId) {
        String name = displayName(canonicalId);
        return new Owner(canonicalId, name == null ? canonicalId : name);
    }
}
