package io.volumegate.s3.object;

import io.volumegate.http.Exchange;
import io.volumegate.http.Failures;
import io.volumegate.http.RequestContext;
import io.volumegate.http.S3Exception;
import io.volumegate.objects.KeyDeletion;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.StorageErrors;
import io.volumegate.s3.xml.DeleteResult;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.List;

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
    ObjectService objects;
    @Inject
    IoExecutor io;

    public void deleteObjects(Exchange exchange, S3Request request) throws IOException {
        IntegrityCheckedBody.requireDigest(exchange.request()::getHeader); // before the body is read
        exchange.then(IntegrityCheckedBody.read(exchange, request, DeleteObjectsRequest.MAX_BYTES), io, body -> {
            DeleteObjectsRequest delete = DeleteObjectsRequest.parse(body);
            List<ObjectRef> refs = delete.targets().stream()
                    .map(target -> new ObjectRef(request.bucket(), target.key(), target.versionId())).toList();
            String requestId = RequestContext.of(exchange.request()).requestId();
            DeleteResult result = new DeleteResult();
            for (KeyDeletion outcome : objects.deleteAll(request.bucket(), refs, ObjectLockHeaders.bypassGovernance(exchange.request()::getHeader))) {
                if (outcome.failure().isPresent()) {
                    // Storage conditions get their S3 error; anything unexpected is logged as InternalError.
                    S3Exception refused = Failures.toS3(StorageErrors.translate(outcome.failure().get()), requestId);
                    result.errors.add(new DeleteResult.DeleteError(outcome.key(), outcome.versionId(),
                            refused.error().code(), refused.getMessage()));
                } else if (!delete.quiet()) {
                    result.deleted.add(new DeleteResult.Deleted(outcome.key(), outcome.versionId(),
                            outcome.deletion().deleteMarker(), outcome.deletion().versionId()));
                }
            }
            exchange.finishWith(S3Xml.write(result), S3Xml.CONTENT_TYPE);
        });
    }
}
