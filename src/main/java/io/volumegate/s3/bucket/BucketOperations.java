package io.volumegate.s3.bucket;

import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.http.SmallBody;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.ContinuationTokens;
import io.volumegate.s3.S3Owner;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.xml.CreateBucketConfiguration;
import io.volumegate.s3.xml.ListAllMyBucketsResult;
import io.volumegate.s3.xml.LocationConstraint;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.BucketEntry;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** ListBuckets, CreateBucket, DeleteBucket, HeadBucket, GetBucketLocation. */
@ApplicationScoped
public class BucketOperations {
    private static final int MAX_CONFIGURATION_BYTES = 64 * 1024;
    private static final int MAX_BUCKETS_PER_PAGE = 10_000;
    private static final String US_EAST_1 = "us-east-1";

    @Inject
    BucketService buckets;
    @Inject
    IoExecutor io;
    @Inject
    Config config;

    /**
     * All buckets, or with max-buckets a page of them: SDKs send prefix, max-buckets,
     * continuation-token and bucket-region (S3 since 2024) and trust the answer to honour
     * them, so a prefix that is ignored means a caller acting on buckets it did not ask for.
     */
    public void listBuckets(Exchange exchange, S3Request request) {
        QueryParameters query = request.query();
        String prefix = query.getOrDefault("prefix", "");
        int maxBuckets = maxBuckets(query);
        String token = query.get("continuation-token");
        String resumeAfter = token != null ? ContinuationTokens.decode(token) : "";
        String region = query.get("bucket-region");
        exchange.runOn(io, () -> {
            ListAllMyBucketsResult result = new ListAllMyBucketsResult();
            result.Owner = S3Owner.OWNER;
            result.Prefix = query.get("prefix");
            boolean inRegion = region == null || region.equals(config.region());
            for (BucketEntry bucket : inRegion ? buckets.list() : List.<BucketEntry>of()) {
                String name = bucket.name(); // sorted; names are ASCII, so this is S3's byte order
                if (!name.startsWith(prefix) || name.compareTo(resumeAfter) <= 0 || !request.credential().mayRead(name)) {
                    continue;
                }
                if (result.buckets.size() == maxBuckets) {
                    result.ContinuationToken = ContinuationTokens.encode(result.buckets.get(maxBuckets - 1).Name);
                    break;
                }
                result.buckets.add(new ListAllMyBucketsResult.BucketEntry(name, HttpDates.iso8601(bucket.created()), config.region()));
            }
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }

    private static int maxBuckets(QueryParameters query) {
        String value = query.get("max-buckets");
        if (value == null) return Integer.MAX_VALUE;
        try {
            int maxBuckets = Integer.parseInt(value);
            if (maxBuckets >= 1 && maxBuckets <= MAX_BUCKETS_PER_PAGE) return maxBuckets;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw S3Error.INVALID_ARGUMENT.exception("max-buckets must be an integer from 1 to " + MAX_BUCKETS_PER_PAGE + ".");
    }

    public void createBucket(Exchange exchange, S3Request request) throws Exception {
        boolean objectLock = "true".equalsIgnoreCase(exchange.request().getHeader("x-amz-bucket-object-lock-enabled"));
        exchange.then(SmallBody.read(exchange, MAX_CONFIGURATION_BYTES), io, body -> {
            if (body.length > 0) S3Xml.read(body, CreateBucketConfiguration.class); // refuse malformed XML
            try {
                buckets.create(request.bucket(), objectLock);
            } catch (StorageException e) {
                // S3's us-east-1 answers a second CreateBucket of one's own bucket with 200 and
                // changes nothing; every other region refuses it as BucketAlreadyOwnedByYou.
                if (e.reason() != StorageException.Reason.BUCKET_EXISTS || !US_EAST_1.equals(config.region())) throw e;
            }
            exchange.response().setHeader("Location", "/" + request.bucket());
            exchange.finishEmpty();
        });
    }

    public void deleteBucket(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            buckets.delete(request.bucket());
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }

    public void headBucket(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            buckets.get(request.bucket());
            exchange.response().setHeader("x-amz-bucket-region", config.region());
            exchange.finishEmpty();
        });
    }

    public void getBucketLocation(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            buckets.get(request.bucket());
            // S3 answers an empty LocationConstraint for us-east-1.
            String region = US_EAST_1.equals(config.region()) ? null : config.region();
            exchange.finishWith(S3Xml.write(new LocationConstraint(region)), S3Xml.CONTENT_TYPE);
        });
    }
}
