package io.volumegate.api;

import io.volumegate.access.Principal;
import io.volumegate.auth.Credential;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.QuotaService;
import io.volumegate.storage.BucketQuota;
import io.volumegate.storage.BucketEntry;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Buckets: list (those the caller's scope covers and those it owns, as S3's ListBuckets),
 * create (owned by the caller), details, delete.
 */
@ApplicationScoped
public class BucketResource {
    @Inject
    BucketService buckets;
    @Inject
    AccessService access;
    @Inject
    ApiAccess api;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    QuotaService quotas;

    /**
     * A bucket, and whether the caller may write it by its scope or as its owner; its accounted
     * usage (null while the bucket was never counted: its first walk is under way) and quota
     * (null: none; either limit null: none of that kind).
     */
    public record BucketInfo(String name, String creationDate, String region, boolean writable,
                             QuotaResource.UsageInfo usage, QuotaLimits quota) {}

    public record QuotaLimits(Long maxBytes, Long maxObjects) {}

    public record BucketList(List<BucketInfo> buckets) {}

    public record CreateBucketRequest(String name) {}

    void list(Exchange exchange, ApiRequest request) {
        Credential credential = request.credential();
        exchange.runOn(io, () -> {
            List<BucketInfo> visible = new ArrayList<>();
            for (BucketEntry bucket : buckets.list()) {
                boolean owned = api.owns(credential, bucket.name());
                if (credential.mayRead(bucket.name()) || owned) visible.add(info(credential, bucket, owned));
            }
            ApiResponses.ok(exchange, new BucketList(visible));
        });
    }

    /**
     * Creates the bucket, owned by the caller, as S3's CreateBucket: a credential whose scope
     * covers the name may, and one scoped to no bucket (which then reaches it as its owner).
     * A name another owner has is 409 BucketAlreadyExists, one's own 409 BucketAlreadyOwnedByYou.
     */
    void create(Exchange exchange, ApiRequest request) throws Exception {
        Credential credential = request.credential();
        exchange.then(JsonBody.<CreateBucketRequest>read(exchange, CreateBucketRequest.class), io, body -> {
            if (body.name() == null || body.name().isEmpty()) throw ApiException.badRequest("name is required.");
            if (!credential.mayCreate(body.name())) {
                throw ApiException.forbidden(credential.readOnly() ? "This credential is read-only."
                        : "This credential may not create the bucket " + body.name() + ".");
            }
            try {
                buckets.create(body.name());
            } catch (StorageException e) {
                if (e.reason() == StorageException.Reason.BUCKET_EXISTS && !api.owns(credential, body.name())) {
                    throw new ApiException(409, "BucketAlreadyExists", "The bucket " + body.name() + " is another's.");
                }
                throw e;
            }
            access.initialiseBucket(body.name(), Principal.canonicalIdOf(credential.accessKeyId()), null);
            exchange.response().setHeader("Location", ApiRoute.PREFIX + "/buckets/" + body.name());
            ApiResponses.json(exchange, 201, info(credential, buckets.get(body.name()), true));
        });
    }

    void details(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> {
            BucketEntry bucket = buckets.get(request.bucket());
            ApiResponses.ok(exchange, info(request.credential(), bucket, api.owns(request.credential(), bucket.name())));
        });
    }

    void delete(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> {
            buckets.delete(request.bucket());
            ApiResponses.noContent(exchange);
        });
    }

    private BucketInfo info(Credential credential, BucketEntry bucket, boolean owned) throws java.io.IOException {
        boolean writable = credential.mayWrite(bucket.name()) || (owned && !credential.readOnly());
        BucketQuota quota = quotas.quota(bucket.name());
        return new BucketInfo(bucket.name(), HttpDates.iso8601(bucket.created()), config.region(), writable,
                QuotaResource.UsageInfo.of(quotas.usage(bucket.name()).orElse(null)),
                quota.isNone() ? null : new QuotaLimits(quota.maxBytes(), quota.maxObjects()));
    }
}
