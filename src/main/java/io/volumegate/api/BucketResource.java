package io.volumegate.api;

import io.volumegate.auth.Credential;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.s3.S3Dates;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Buckets: list (those the caller may read), create, details, delete. */
@ApplicationScoped
public class BucketResource {
    @Inject
    Volume volume;
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
            List<BucketInfo> buckets = new ArrayList<>();
            for (Volume.BucketEntry bucket : volume.listBuckets()) {
                if (!credential.mayRead(bucket.name())) continue;
                buckets.add(new BucketInfo(bucket.name(), S3Dates.iso8601(bucket.created()), config.region(),
                        credential.mayWrite(bucket.name())));
            }
            ApiResponses.ok(exchange, new BucketList(buckets));
        });
    }

    void create(Exchange exchange, ApiRequest request) throws Exception {
        JsonBody.<CreateBucketRequest>read(exchange, CreateBucketRequest.class).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            exchange.runOn(io, () -> {
                if (body.name() == null || body.name().isEmpty()) throw ApiException.badRequest("name is required.");
                request.requireWrite(body.name());
                volume.createBucket(body.name());
                exchange.response().setHeader("Location", ApiRoute.PREFIX + "/buckets/" + body.name());
                ApiResponses.json(exchange, 201, info(request.credential(), volume.bucket(body.name())));
            });
        });
    }

    void details(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> ApiResponses.ok(exchange, info(request.credential(), volume.bucket(request.bucket()))));
    }

    void delete(Exchange exchange, ApiRequest request) {
        exchange.runOn(io, () -> {
            volume.deleteBucket(request.bucket());
            ApiResponses.noContent(exchange);
        });
    }

    private BucketInfo info(Credential credential, Bucket bucket) throws java.io.IOException {
        BasicFileAttributes attributes = Files.readAttributes(bucket.root(), BasicFileAttributes.class);
        return new BucketInfo(bucket.name(), S3Dates.iso8601(attributes.creationTime().toInstant()), config.region(),
                credential.mayWrite(bucket.name()));
    }
}
