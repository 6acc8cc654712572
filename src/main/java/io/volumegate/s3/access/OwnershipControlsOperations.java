package io.volumegate.s3.access;

import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessService;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.object.IntegrityCheckedBody;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Put/Get/DeleteBucketOwnershipControls: the bucket's ObjectOwnership ({@link ObjectOwnershipControls}). */
@ApplicationScoped
public class OwnershipControlsOperations {
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024;

    @Inject
    AccessService access;
    @Inject
    IoExecutor io;

    public void putBucketOwnershipControls(Exchange exchange, S3Request request) throws Exception {
        exchange.then(IntegrityCheckedBody.readVerifyingAnyDigest(exchange, request, MAX_DOCUMENT_BYTES), io, body -> {
            String ownership = ObjectOwnershipControls.parse(body);
            ObjectOwnershipControls.requireSettable(access.rules(request.bucket()).acl(), ownership);
            access.setObjectOwnership(request.bucket(), ownership);
            exchange.finishEmpty();
        });
    }

    public void getBucketOwnershipControls(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            String ownership = access.rules(request.bucket()).objectOwnership();
            if (ownership == null) throw S3Error.OWNERSHIP_CONTROLS_NOT_FOUND.exception().with("BucketName", request.bucket());
            exchange.finishWith(ObjectOwnershipControls.document(ownership), S3Xml.CONTENT_TYPE);
        });
    }

    public void deleteBucketOwnershipControls(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            access.setObjectOwnership(request.bucket(), null);
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }
}
