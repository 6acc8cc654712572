package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.objects.BucketService;
import io.volumegate.storage.BucketEntry;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Buckets: list (those the caller may read), create, details, delete. */
@ApplicationScoped
public class BucketResource {
    @Inject
    BucketService buckets;
    @Inject
    IoExecutor io;
    @Inject
    Config config;

    /** A bucket, and whether the caller may write it. */
    public record BucketInfo(String name, String creationDate, String region, boolean writable) {}

    public record BucketList(List<BucketInfo> buckets) {}

    public record CreateBucketRequest(String name) {}

    void list(Exchange exchange, ApiRequest request) {
        Credential credential = request.credential();
        exchange.runOn(io, () -> {
            List<BucketInfo> visible = new ArrayList<>();
            for (BucketEntry bucket : buckets.list()) {
                if (!credential.mayRead(bucket.name())) continue;
                visible.add(info(credential, bucket));
            }
            ApiResponses.ok(exchange, new BucketList(visible));
        });
    }

    void create(Exchange exchange, ApiRequest request) throws Exception {
        exchange.then(JsonBody.<CreateBucketRequest>read(exchange, CreateBucketRequest.class), io, body -> {
            if (body.name() == null || body.name().isEmpty()) throw ApiException.badRequest("name is required.");
            request.requireWrite(body.name());
            buckets.create(body.name());
            exchange.response().setHeader("Location", ApiRoute.PREFIX + "/buckets/" + body.name());
            ApiResponses.json(exchange, 201, info(request.credential(), buckets.get(body.name())));
        });
    }

    void details(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> ApiResponses.ok(exchange, info(request.credential(), buckets.get(request.bucket()))));
    }

    void delete(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> {
            buckets.delete(request.bucket());
            ApiResponses.noContent(exchange);
        });
    }

    private BucketInfo info(Credential credential, BucketEntry bucket) {
        return new BucketInfo(bucket.name(), HttpDates.iso8601(bucket.created()), config.region(), credential.mayWrite(bucket.name()));
    }
}
