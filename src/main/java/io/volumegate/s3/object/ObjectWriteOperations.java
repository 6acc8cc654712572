package io.volumegate.s3.object;

import io.volumegate.access.AccessControlList;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.objects.AccessService;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.ObjectUpload;
import io.volumegate.s3.NewObjectAcls;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.VersionHeaders;
import io.volumegate.s3.body.ChecksumHeaders;
import io.volumegate.s3.body.UploadBody;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;


/**
 * PutObject and DeleteObject. A PUT is refused before its body is read when the headers
 * already tell it will fail (size, digest format, an If-None-Match on an existing key);
 * otherwise the body streams into a temp file, is verified, and is renamed into place.
 */
@ApplicationScoped
public class ObjectWriteOperations {
    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    NewObjectAcls acls;
    @Inject
    Config config;

    public void putObject(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        long contentLength = http.getContentLengthLong();
        long maxSize = config.maxObjectSize();
        UploadBody.requireFraming(http::getHeader, contentLength);
        long size = UploadBody.declaredObjectSize(http::getHeader, contentLength, request.auth().payloadHash());
        if (size > maxSize) throw S3Error.ENTITY_TOO_LARGE.exception();
        WriteCondition condition = WriteConditions.from(http);
        ObjectMetadata metadata = MetadataHeaders.from(http);

        exchange.runOn(io, () -> {
            AccessControlList acl = acls.of(request.bucket(), request.credential(), http::getHeader);
            ObjectUpload upload = objects.startPut(request.bucket(), request.key(), condition, size);
            UploadBody body;
            try {
                body = UploadBody.assemble(http::getHeader, contentLength, maxSize, request.auth(), upload::write);
            } catch (RuntimeException refused) {
                upload.abort();
                throw refused;
            }
            exchange.then(exchange.readBody(body.sink()), io, upload::abort, done -> {
                StoredObject object = objects.commit(upload, AccessService.stamp(metadata.toBuilder(), acl)
                        .md5Hex(body.md5Hex())
                        .putChecksum(body.checksumAlgorithm().name(), body.checksum())
                        .build());
                exchange.response().setHeader("ETag", object.etag());
                exchange.response().setHeader(ChecksumHeaders.of(body.checksumAlgorithm()), body.checksum());
                VersionHeaders.describe(exchange.response(), object, null);
                exchange.finishEmpty();
            });
        });
    }

    public void deleteObject(Exchange exchange, S3Request request) {
        ObjectRef ref = new ObjectRef(request.bucket(), request.key(), request.query().get("versionId"));
        exchange.runOn(io, () -> {
            VersionHeaders.describe(exchange.response(), objects.delete(ref, ObjectLockHeaders.bypassGovernance(exchange.request()::getHeader)));
            exchange.response().setStatus(204);
            exchange.finishEmpty();
        });
    }
}
