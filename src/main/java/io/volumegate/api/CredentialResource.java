package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import io.volumegate.http.Exchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The caller's own S3 connection details; S3 credentials' management (admin). */
@ApplicationScoped
public class CredentialResource {
    @Inject
    Config config;

    /**
     * What a client needs to connect over S3 with the caller's key pair, minus the secret.
     *
     * @param buckets null when the credential may use every bucket
     */
    public record CallerInfo(String accessKeyId, String endpoint, String region, List<String> buckets, boolean readOnly,
                             boolean admin) {}

    void caller(Exchange exchange, ApiRequest request) {
        Credential credential = request.credential();
        ApiResponses.ok(exchange, new CallerInfo(credential.accessKeyId(), config.get(Setting.PUBLIC_ENDPOINT), config.region(),
                ApiTokens.bucketsOf(credential), credential.readOnly(), credential.admin()));
    }
}
