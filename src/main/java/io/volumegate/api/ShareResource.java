package io.volumegate.api;

import io.volumegate.auth.Keyring;
import io.volumegate.http.Exchange;
import io.volumegate.s3.S3Dates;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Set;

/** {@code POST /api/v1/buckets/{bucket}/share}: a credential-free link to one object. */
@ApplicationScoped
public class ShareResource {
    /** One hour, eight hours, a day, a week. */
    static final Set<Long> LIFETIMES = Set.of(3_600L, 28_800L, 86_400L, 604_800L);
    static final long DEFAULT_LIFETIME = 86_400;

    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    PublicUrls urls;
    @Inject
    Keyring keyring;

    public record ShareRequest(String key, Long expiresIn) {}

    public record ShareLink(String url, String expiresAt) {}

    void share(Exchange exchange, ApiRequest request) throws Exception {
        JsonBody.<ShareRequest>read(exchange, ShareRequest.class).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            exchange.runOn(io, () -> {
                if (body.key() == null || body.key().isEmpty()) throw ApiException.badRequest("key is required.");
                long lifetime = body.expiresIn() == null ? DEFAULT_LIFETIME : body.expiresIn();
                if (!LIFETIMES.contains(lifetime)) {
                    throw ApiException.badRequest("expires_in must be 3600, 28800, 86400 or 604800 seconds.");
                }
                ApiKeys.validate(body.key());
                StoredObject object = volume.bucket(request.bucket()).stat(body.key());
                if (object.directoryObject()) throw ApiException.badRequest("A folder cannot be shared; share its files.");
                long expires = Instant.now().getEpochSecond() + lifetime;
                String url = urls.endpoint().url(ShareLinks.pathAndQuery(keyring.shareLinkKey(), request.bucket(), body.key(), expires));
                ApiResponses.json(exchange, 201, new ShareLink(url, S3Dates.iso8601(Instant.ofEpochSecond(expires))));
            });
        });
    }
}
