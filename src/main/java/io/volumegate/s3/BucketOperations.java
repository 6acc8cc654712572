package io.volumegate.s3;

import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.SmallBody;
import io.volumegate.s3.xml.CreateBucketConfiguration;
import io.volumegate.s3.xml.ListAllMyBucketsResult;
import io.volumegate.s3.xml.LocationConstraint;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation. */
@ApplicationScoped
public class BucketOperations {
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    Config config;

    public void listBuckets(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            ListAllMyBucketsResult result = new ListAllMyBucketsResult();
            result.Owner = S3Owner.OWNER;
            for (Volume.BucketEntry bucket : volume.listBuckets()) {
                if (request.credential().mayRead(bucket.name())) {
                    result.buckets.add(new ListAllMyBucketsResult.BucketEntry(bucket.name(),
                            S3Dates.iso8601(bucket.created()), config.region()));
                }
            }
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    public void createBucket(Exchange exchange, S3Request request) throws Exception {
        SmallBody.read(exchange, MAX_CONFIGURATION_BYTES).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            exchange.runOn(io, () -> {
                if (body.length > 0) S3Xml.read(body, CreateBucketConfiguration.class); // refuse malformed XML
                volume.createBucket(request.bucket());
                exchange.response().setHeader("Location", "/" + request.bucket());
                exchange.finishEmpty();
            });
        });
    }

    public void deleteBucket(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            volume.deleteBucket(request.bucket());
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    public void headBucket(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            volume.bucket(request.bucket());
            exchange.response().setHeader("x-amz-bucket-region", config.region());
            exchange.finishEmpty();
        });
    }

    public void getBucketLocation(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            volume.bucket(request.bucket());
            // S3 answers an empty LocationConstraint for us-east-1.
            String region = "us-east-1".equals(config.region()) ? null : config.region();
            exchange.finishWith(S3Xml.write(new LocationConstraint(region)), S3Xml.CONTENT_TYPE);
        });
    }
}
