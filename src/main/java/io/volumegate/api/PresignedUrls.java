package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.auth.SigV4Signer;
import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;

/**
 * Presigned S3 URLs on the public endpoint, signed with the caller's own credential: a URL
 * can do no more than the credential that made it, and stops working when it is deleted.
 */
@ApplicationScoped
public class PresignedUrls {
    @Inject
    Config config;

    /**
     * A path-style SigV4 URL: the path is the endpoint's path plus {@code /bucket/key}, each
     * byte outside the unreserved set percent-encoded, exactly as signed.
     *
     * @param rawQuery the operation's own query ({@code partNumber=1&uploadId=...}), encoded; or null
     */
    String presign(String method, String bucket, String key, String rawQuery, Credential credential, Instant at, Duration expires) {
        PublicEndpoint endpoint = endpoint();
        String rawPath = endpoint.path() + "/" + UriEncoding.segment(bucket) + "/" + UriEncoding.path(key);
        String query = SigV4Signer.presignedQuery(method, rawPath, rawQuery, endpoint.host(), credential.accessKeyId(),
                credential.secret(), config.region(), at, expires);
        return endpoint.origin() + rawPath + "?" + query;
    }

    PublicEndpoint endpoint() {
        return PublicEndpoint.of(config.get(Setting.PUBLIC_ENDPOINT));
    }
}
