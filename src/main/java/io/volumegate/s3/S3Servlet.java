package io.volumegate.s3;

import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.s3.access.AclOperations;
import io.volumegate.s3.access.BucketPolicyOperations;
import io.volumegate.s3.access.OwnershipControlsOperations;
import io.volumegate.s3.access.PublicAccessBlockOperations;
import io.volumegate.s3.bucket.BucketOperations;
import io.volumegate.s3.bucket.ListOperations;
import io.volumegate.s3.bucket.VersioningOperations;
import io.volumegate.s3.copy.CopyOperations;
import io.volumegate.s3.cors.CorsOperations;
import io.volumegate.s3.lock.ObjectLockOperations;
import io.volumegate.s3.multipart.CompleteMultipartUploadOperation;
import io.volumegate.s3.multipart.MultipartListOperations;
import io.volumegate.s3.multipart.MultipartUploadOperations;
import io.volumegate.s3.multipart.UploadPartCopyOperation;
import io.volumegate.s3.object.DeleteObjectsOperation;
import io.volumegate.s3.object.ObjectAttributesOperation;
import io.volumegate.s3.object.ObjectReadOperations;
import io.volumegate.s3.object.ObjectWriteOperations;
import io.volumegate.s3.post.PostObjectOperation;
import io.volumegate.s3.tagging.TaggingOperations;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The end of the S3 filter chain: hands the routed request to the operation that serves
 * its {@link Endpoint}. Endpoints without an operation answer 501 NotImplemented.
 */
public class S3Servlet extends HttpServlet {
    @Inject
    BucketOperations buckets;
    @Inject
    ListOperations listings;
    @Inject
    VersioningOperations versioning;
    @Inject
    ObjectLockOperations locks;
    @Inject
    ObjectReadOperations reads;
    @Inject
    ObjectWriteOperations writes;
    @Inject
    CopyOperations copies;
    @Inject
    DeleteObjectsOperation bulkDeletes;
    @Inject
    MultipartUploadOperations multipart;
    @Inject
    CompleteMultipartUploadOperation completes;
    @Inject
    MultipartListOperations multipartListings;
    @Inject
    UploadPartCopyOperation partCopies;
    @Inject
    PostObjectOperation posts;
    @Inject
    TaggingOperations tagging;
    @Inject
    ObjectAttributesOperation attributes;
    @Inject
    CorsOperations cors;
    @Inject
    AclOperations acls;
    @Inject
    BucketPolicyOperations policies;
    @Inject
    PublicAccessBlockOperations accessBlocks;
    @Inject
    OwnershipControlsOperations ownership;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        S3Request s3 = S3Request.of(request);
        Exchange exchange = answersInPlace(s3.endpoint())
                ? Exchange.answeredInPlace(request, response, StorageErrors::send)
                : new Exchange(request, response, StorageErrors::send);
        try {
            operationFor(s3.endpoint()).start(exchange, s3);
        } catch (Exception failure) {
            exchange.fail(failure);
        }
    }

    /**
     * Reads of one object: a stat, an open and, for a small body, one read, cheaper done on
     * the container's thread than handed to the I/O executor and back.
     */
    private static boolean answersInPlace(Endpoint endpoint) {
        return endpoint == Endpoint.GET_OBJECT || endpoint == Endpoint.HEAD_OBJECT;
    }

    private Operation operationFor(Endpoint endpoint) {
        return switch (endpoint) {
            case LIST_BUCKETS -> buckets::listBuckets;
            case CREATE_BUCKET -> buckets::createBucket;
            case DELETE_BUCKET -> buckets::deleteBucket;
            case HEAD_BUCKET -> buckets::headBucket;
            case GET_BUCKET_LOCATION -> buckets::getBucketLocation;
            case LIST_OBJECTS -> listings::listObjectsV1;
            case LIST_OBJECTS_V2 -> listings::listObjectsV2;
            case LIST_OBJECT_VERSIONS -> versioning::listObjectVersions;
            case GET_BUCKET_VERSIONING -> versioning::getBucketVersioning;
            case PUT_BUCKET_VERSIONING -> versioning::putBucketVersioning;
            case PUT_OBJECT_LOCK_CONFIGURATION -> locks::putObjectLockConfiguration;
            case GET_OBJECT_LOCK_CONFIGURATION -> locks::getObjectLockConfiguration;
            case PUT_OBJECT_RETENTION -> locks::putObjectRetention;
            case GET_OBJECT_RETENTION -> locks::getObjectRetention;
            case PUT_OBJECT_LEGAL_HOLD -> locks::putObjectLegalHold;
            case GET_OBJECT_LEGAL_HOLD -> locks::getObjectLegalHold;
            case PUT_OBJECT_TAGGING -> tagging::putObjectTagging;
            case GET_OBJECT_TAGGING -> tagging::getObjectTagging;
            case DELETE_OBJECT_TAGGING -> tagging::deleteObjectTagging;
            case PUT_BUCKET_TAGGING -> tagging::putBucketTagging;
            case GET_BUCKET_TAGGING -> tagging::getBucketTagging;
            case DELETE_BUCKET_TAGGING -> tagging::deleteBucketTagging;
            case PUT_BUCKET_CORS -> cors::putBucketCors;
            case GET_BUCKET_CORS -> cors::getBucketCors;
            case DELETE_BUCKET_CORS -> cors::deleteBucketCors;
            case GET_BUCKET_ACL -> acls::getBucketAcl;
            case PUT_BUCKET_ACL -> acls::putBucketAcl;
            case GET_OBJECT_ACL -> acls::getObjectAcl;
            case PUT_OBJECT_ACL -> acls::putObjectAcl;
            case PUT_BUCKET_POLICY -> policies::putBucketPolicy;
            case GET_BUCKET_POLICY -> policies::getBucketPolicy;
            case DELETE_BUCKET_POLICY -> policies::deleteBucketPolicy;
            case GET_BUCKET_POLICY_STATUS -> policies::getBucketPolicyStatus;
            case PUT_PUBLIC_ACCESS_BLOCK -> accessBlocks::putPublicAccessBlock;
            case GET_PUBLIC_ACCESS_BLOCK -> accessBlocks::getPublicAccessBlock;
            case DELETE_PUBLIC_ACCESS_BLOCK -> accessBlocks::deletePublicAccessBlock;
            case PUT_BUCKET_OWNERSHIP_CONTROLS -> ownership::putBucketOwnershipControls;
            case GET_BUCKET_OWNERSHIP_CONTROLS -> ownership::getBucketOwnershipControls;
            case DELETE_BUCKET_OWNERSHIP_CONTROLS -> ownership::deleteBucketOwnershipControls;
            case GET_OBJECT_ATTRIBUTES -> attributes::getObjectAttributes;
            case GET_OBJECT, HEAD_OBJECT -> reads::getObject;
            case PUT_OBJECT -> writes::putObject;
            case DELETE_OBJECT -> writes::deleteObject;
            case COPY_OBJECT -> copies::copyObject;
            case DELETE_OBJECTS -> bulkDeletes::deleteObjects;
            case POST_OBJECT -> posts::postObject;
            case CREATE_MULTIPART_UPLOAD -> multipart::createMultipartUpload;
            case UPLOAD_PART -> multipart::uploadPart;
            case UPLOAD_PART_COPY -> partCopies::uploadPartCopy;
            case COMPLETE_MULTIPART_UPLOAD -> completes::completeMultipartUpload;
            case ABORT_MULTIPART_UPLOAD -> multipart::abortMultipartUpload;
            case LIST_MULTIPART_UPLOADS -> multipartListings::listMultipartUploads;
            case LIST_PARTS -> multipartListings::listParts;
            default -> (exchange, request) -> {
                throw S3Error.NOT_IMPLEMENTED.exception(endpoint.name() + " is not implemented by this server.");
            };
        };
    }
}
