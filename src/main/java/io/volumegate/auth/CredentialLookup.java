package io.volumegate.auth;

import java.util.Optional;

/** Finds the credential behind an access key id; empty when the key is unknown. */
@FunctionalInterface
public interface CredentialLookup {
    Optional<Credential> find(String accessKeyId);
}
