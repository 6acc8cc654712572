package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.auth.SigV4Signer;
import io.volumegate.config.Config;
import io.volumegate.config.Setting;
import io.volumegate.http.UriEncoding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The URLs this server hands out, all on the public endpoint: {@code volumegate.public-endpoint}
 * when it is set, else the address each request came to. Share links, the OpenAPI server URL,
 * and presigned S3 URLs, which are signed with the caller's own credential, so a URL can do
 * no more than the credential that made it and stops working when that is deleted.
 */
@ApplicationScoped
public class PublicUrls {
    @Inject
    Config config;

    /**
     * A path-style SigV4 URL: the path is the endpoint's path plus {@code /bucket/key}, each
     * byte outside the unreserved set percent-encoded, exactly as signed.
     *
     * @param rawQuery the operation's own query ({@code partNumber=1&uploadId=...}), encoded; or null
     */
    String presign(PublicEndpoint endpoint, String method, String bucket, String key, String rawQuery, Credential credential,
                   Instant at, Duration expires) {
        String rawPath = endpoint.path() + "/" + UriEncoding.segment(bucket) + "/" + UriEncoding.path(key);
        String query = SigV4Signer.presignedQuery(method, rawPath, rawQuery, endpoint.host(), credential.accessKeyId(),
                credential.secret(), config.region(), at, expires);
        return endpoint.origin() + rawPath + "?" + query;
    }

    /**
     * The lifetime a request asks for ({@code expires_in}), {@code defaultSeconds} when it
     * asks none; 400 outside {@code min..max}.
     */
    static Duration lifetime(Long seconds, long defaultSeconds, long min, long max) {
        long value = seconds == null ? defaultSeconds : seconds;
        if (value < min || value > max) throw ApiException.badRequest("expires_in must be " + min + " to " + max + " seconds.");
        return Duration.ofSeconds(value);
    }

    /** The configured public endpoint, else the one {@code request} addressed. */
    public PublicEndpoint endpoint(HttpServletRequest request) {
        String configured = config.get(Setting.PUBLIC_ENDPOINT);
        return configured.isBlank() ? PublicEndpoint.addressedBy(request) : PublicEndpoint.of(configured);
    }

    /** The configured public endpoint, if one is set: it pins every URL, whatever address a request used. */
    public Optional<PublicEndpoint> configured() {
        String configured = config.get(Setting.PUBLIC_ENDPOINT);
        return configured.isBlank() ? Optional.empty() : Optional.of(PublicEndpoint.of(configured));
    }
}
