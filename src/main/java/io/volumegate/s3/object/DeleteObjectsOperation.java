package io.volumegate.s3.object;

import io.volumegate.http.Exchange;
import io.volumegate.http.Failures;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.VersionIds;
import io.volumegate.s3.S3KeyCharacters;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.S3VersionIds;
import io.volumegate.s3.xml.DeleteResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * DeleteObjects (POST /bucket?delete): up to 1000 DeleteObject calls in one request. The
 * body must carry a digest (Content-MD5 or x-amz-checksum-*), verified before it is parsed,
 * because a corrupted key list would delete the wrong objects. Each key then succeeds or
 * fails on its own: a key that cannot be an object (traversal, the reserved folder, too
 * long) is an {@code <Error>} entry and the others are still deleted; a key that is not
 * there counts as deleted, as in S3.
 */
@ApplicationScoped
public class DeleteObjectsOperation {
    @Inject
    Volume volume;
    @Inject
    IoExecutor io;

    public void deleteObjects(Exchange exchange, S3Request request) {
        IntegrityCheckedBody.requireDigest(exchange.request()::getHeader); // before the body is read
        exchange.runOn(io, () -> {
            Bucket bucket = volume.bucket(request.bucket());
            IntegrityCheckedBody.read(exchange, request, DeleteObjectsRequest.MAX_BYTES).whenComplete((body, failure) -> {
                if (failure != null) {
                    exchange.fail(failure);
                    return;
                }
                exchange.runOn(io, () -> {
                    DeleteObjectsRequest delete = DeleteObjectsRequest.parse(body);
                    String requestId = RequestContext.of(exchange.request()).requestId();
                    DeleteResult result = new DeleteResult();
                    for (DeleteObjectsRequest.Target target : delete.targets()) {
                        S3Exception refused = deleteOne(bucket, target, requestId);
                        if (refused != null) {
                            result.errors.add(new DeleteResult.DeleteError(target.key(), target.versionId(),
                                    refused.error().code(), refused.getMessage()));
                        } else if (!delete.quiet()) {
                            result.deleted.add(new DeleteResult.Deleted(target.key(), target.versionId()));
                        }
                    }
                    exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
                });
            });
        });
    }

    /** Null when the key is gone (or never was); the refusal otherwise. */
    private static S3Exception deleteOne(Bucket bucket, DeleteObjectsRequest.Target target, String requestId) {
        if (!VersionIds.addressesCurrentObject(target.versionId())) return S3VersionIds.invalid(target.versionId());
        try {
            if (target.key().isEmpty()) return S3Error.INVALID_ARGUMENT.exception("The key is empty.");
            S3Exception unwritable = S3KeyCharacters.refusal(target.key());
            if (unwritable != null) return unwritable;
            bucket.delete(target.key());
            return null;
        } catch (Exception e) {
            // Filesystem conditions get their S3 error; anything unexpected is logged as InternalError.
            return Failures.toS3(e, requestId);
        }
    }
}
