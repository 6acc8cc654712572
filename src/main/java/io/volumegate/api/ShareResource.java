package io.volumegate.api;

import io.volumegate.auth.Keyring;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectKeys;
import io.volumegate.storage.StoredObject;
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
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    Keyring keyring;
    @Inject
    ApiAccess access;

    public record ShareRequest(String key, Long expiresIn) {}

    public record ShareLink(String url, String expiresAt) {}

    void share(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<ShareRequest>read(exchange, ShareRequest.class), io, body -> {
            if (body.key() == null || body.key().isEmpty()) throw ApiException.badRequest("key is required.");
            long lifetime = body.expiresIn() == null ? DEFAULT_LIFETIME : body.expiresIn();
            if (!LIFETIMES.contains(lifetime)) {
                throw ApiException.badRequest("expires_in must be 3600, 28800, 86400 or 604800 seconds.");
            }
            ObjectKeys.segments(body.key());
            // The link opens the object to anyone: only who may read it may make one.
            access.require(request, ApiChecks.GET_OBJECT, ApiRoute.Access.READ, request.bucket(), body.key(), null);
            StoredObject object = objects.head(ObjectRef.of(request.bucket(), body.key()));
            if (object.directoryObject()) throw ApiException.badRequest("A folder cannot be shared; share its files.");
            long expires = Instant.now().getEpochSecond() + lifetime;
            String url = request.endpoint().url(ShareLinks.pathAndQuery(keyring.shareLinkKey(), request.bucket(), body.key(), expires));
            ApiResponses.json(exchange, 201, new ShareLink(url, HttpDates.iso8601(Instant.ofEpochSecond(expires))));
        });
    }
}
