package io.volumegate.s3.bucket;

import io.volumegate.access.AccessControlList;
import io.volumegate.access.Principal;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.http.SmallBody;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketService;
import io.volumegate.objects.ContinuationTokens;
import io.volumegate.s3.AclHeaders;
import io.volumegate.s3.Principals;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.access.ObjectOwnershipControls;
import io.volumegate.s3.xml.CreateBucketConfiguration;
import io.volumegate.s3.xml.ListAllMyBucketsResult;
import io.volumegate.s3.xml.LocationConstraint;
import io.volumegate.s3.xml.Owner;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.BucketEntry;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.StorageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

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
    @Inject
    AccessService access;
    @Inject
    Principals principals;

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
            Principal principal = Principal.ofAccessKey(request.credential().accessKeyId());
            result.Owner = new Owner(principal.canonicalId(), principal.displayName());
            result.Prefix = query.get("prefix");
            boolean inRegion = region == null || region.equals(config.region());
            for (BucketEntry bucket : inRegion ? buckets.list() : List.<BucketEntry>of()) {
                String name = bucket.name(); // sorted; names are ASCII, so this is S3's byte order
                if (!name.startsWith(prefix) || name.compareTo(resumeAfter) <= 0 || !visible(request, principal, name)) {
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

    /** The buckets a credential sees: those its scope covers, and those it owns. */
    private boolean visible(S3Request request, Principal principal, String bucket) throws java.io.IOException {
        return request.credential().mayRead(bucket) || access.owns(principal, bucket);
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

    /**
     * Creates the bucket, owned by the requester, with the ACL its headers ask for. A name
     * another owner has is BucketAlreadyExists; one's own bucket again is, as S3 has it,
     * 200 and a reset of its ACL in us-east-1 and BucketAlreadyOwnedByYou elsewhere.
     */
    public void createBucket(Exchange exchange, S3Request request) throws Exception {
        HttpServletRequest http = exchange.request();
        boolean objectLock = "true".equalsIgnoreCase(http.getHeader("x-amz-bucket-object-lock-enabled"));
        String owner = Principal.canonicalIdOf(request.credential().accessKeyId());
        AccessControlList acl = AclHeaders.from(http::getHeader, owner, owner, principals::exists);
        String ownership = ObjectOwnershipControls.fromHeader(http.getHeader("x-amz-object-ownership"));
        ObjectOwnershipControls.requireSettable(acl, ownership);
        exchange.then(SmallBody.read(exchange, MAX_CONFIGURATION_BYTES), io, body -> {
            if (body.length > 0) S3Xml.read(body, CreateBucketConfiguration.class); // refuse malformed XML
            try {
                buckets.create(request.bucket(), objectLock);
            } catch (StorageException e) {
                if (e.reason() != StorageException.Reason.BUCKET_EXISTS) throw e;
                if (!owner.equals(access.rules(request.bucket()).owner())) throw S3Error.BUCKET_ALREADY_EXISTS.exception();
                if (!US_EAST_1.equals(config.region())) throw e;
            }
            access.initialiseBucket(request.bucket(), owner, acl);
            if (ownership != null) access.setObjectOwnership(request.bucket(), ownership);
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
