package io.volumegate.s3.access;

import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.BucketService;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.object.IntegrityCheckedBody;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.BucketAccess.AccessBlock;
import io.volumegate.storage.IoExecutor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Put/Get/DeletePublicAccessBlock: the bucket's four switches ({@link PublicAccessBlocks}). */
@ApplicationScoped
public class PublicAccessBlockOperations {
    private static final int MAX_DOCUMENT_BYTES = 16 * 1024;

    @Inject
    AccessService access;
    @Inject
    BucketService buckets;
    @Inject
    IoExecutor io;

    public void putPublicAccessBlock(Exchange exchange, S3Request request) throws Exception {
        exchange.then(IntegrityCheckedBody.readVerifyingAnyDigest(exchange, request, MAX_DOCUMENT_BYTES), io, body -> {
            access.setAccessBlock(request.bucket(), PublicAccessBlocks.parse(body));
            exchange.finishEmpty();
        });
    }

    public void getPublicAccessBlock(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            // The raw setting: all four switches off is a configuration too, unlike none at all.
            AccessBlock block = buckets.settings(request.bucket()).access().accessBlock();
            if (block == null) throw S3Error.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION.exception().with("BucketName", request.bucket());
            exchange.finishWith(PublicAccessBlocks.document(block), S3Xml.CONTENT_TYPE);
        });
    }

    public void deletePublicAccessBlock(Exchange exchange, S3Request request) {
        exchange.runOn(io, () -> {
            access.setAccessBlock(request.bucket(), null);
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }
}
