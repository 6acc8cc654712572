package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.http.Exchange;
import io.volumegate.objects.QuotaService;
import io.volumegate.storage.BucketQuota;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;

/**
 * A bucket's quota (ours; the reference has none): {@code {max_bytes, max_objects}}, either
 * null for no limit. Anyone who may list the bucket may read it; only an admin credential or
 * the bucket's owner may set or remove it, whatever a scope or policy grants, since a quota
 * that its own writers could lift would limit nothing.
 */
@ApplicationScoped
public class QuotaResource {
    @Inject
    QuotaService quotas;
    @Inject
    ApiAccess api;
    @Inject
    IoExecutor io;

    public record QuotaRequest(Long maxBytes, Long maxObjects) {}

    /** What the bucket holds as accounted: content bytes and objects, every kept version included. */
    public record UsageInfo(long bytes, long objects) {
        static UsageInfo of(Usage usage) {
            return usage == null ? null : new UsageInfo(usage.bytes(), usage.objects());
        }
    }

    /** @param usage null while the bucket was never counted (its first walk is under way) */
    public record QuotaInfo(String bucket, Long maxBytes, Long maxObjects, UsageInfo usage) {}

    void quota(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> ApiResponses.ok(exchange, info(request.bucket(), quotas.quota(request.bucket()))));
    }

    void setQuota(Exchange exchange, ApiRequest request) throws Exception {
        Credential credential = request.credential();
        exchange.then(JsonBody.<QuotaRequest>read(exchange, QuotaRequest.class), io, body -> {
            requireAdminOrOwner(credential, request.bucket());
            if (body.maxBytes() == null && body.maxObjects() == null) {
                throw ApiException.badRequest("Give max_bytes, max_objects or both; DELETE removes the quota.");
            }
            if ((body.maxBytes() != null && body.maxBytes() < 0) || (body.maxObjects() != null && body.maxObjects() < 0)) {
                throw ApiException.badRequest("max_bytes and max_objects must not be negative.");
            }
            BucketQuota set = quotas.setQuota(request.bucket(), new BucketQuota(body.maxBytes(), body.maxObjects()));
            ApiResponses.ok(exchange, info(request.bucket(), set));
        });
    }

    void deleteQuota(Exchange exchange, ApiRequest request) {
        Credential credential = request.credential();
        exchange.runOn(io, () -> {
            requireAdminOrOwner(credential, request.bucket());
            quotas.setQuota(request.bucket(), BucketQuota.NONE);
            ApiResponses.noContent(exchange);
        });
    }

    /** Walks the bucket now: files other programs wrote or removed count at once, not at the next periodic walk. */
    void reconcile(Exchange exchange, ApiRequest request) {
        Credential credential = request.credential();
        exchange.runOn(io, () -> {
            requireAdminOrOwner(credential, request.bucket());
            Usage counted = quotas.reconcile(request.bucket());
            BucketQuota quota = quotas.quota(request.bucket());
            ApiResponses.ok(exchange, new QuotaInfo(request.bucket(), quota.maxBytes(), quota.maxObjects(), UsageInfo.of(counted)));
        });
    }

    private QuotaInfo info(String bucket, BucketQuota quota) throws IOException {
        return new QuotaInfo(bucket, quota.maxBytes(), quota.maxObjects(), UsageInfo.of(quotas.usage(bucket).orElse(null)));
    }

    private void requireAdminOrOwner(Credential credential, String bucket) throws IOException {
        if (credential.readOnly()) throw ApiException.forbidden("This credential is read-only.");
        if (!credential.admin() && !api.owns(credential, bucket)) {
            throw ApiException.forbidden("Only an admin credential or the bucket's owner may change its quota.");
        }
    }
}
