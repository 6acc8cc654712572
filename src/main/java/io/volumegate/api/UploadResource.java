package io.volumegate.api;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.config.Config;
import io.volumegate.http.Exchange;
import io.volumegate.http.MultipartFormParser;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.ObjectUpload;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Uploads an object from a multipart/form-data body: the form's {@code file} part streams into
 * the object service's upload as it arrives (non-blocking reads, one window of memory), hashed
 * on the way; other fields are read and dropped. Once the body has ended it is committed like
 * a PUT (fsync, metadata, atomic rename), with the MD5 and the CRC64NVME checksum an S3 PUT of
 * the same bytes gets, and its writer as owner; a failed or refused upload leaves the previous
 * object untouched.
 */
@ApplicationScoped
public class UploadResource {
    /** What S3 computes for a PUT that names no checksum: the same object, whichever API wrote it. */
    static final ChecksumAlgorithm CHECKSUM = ChecksumAlgorithm.CRC64NVME;

    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    ApiAccess access;

    void upload(Exchange exchange, ApiRequest request) {
        String boundary = FormFile.boundary(exchange.request().getContentType());
        long maxSize = config.maxObjectSize();
        exchange.runOn(io, () -> {
            ObjectMetadata.Builder metadata = access.newObjectMetadata(request);
            ObjectUpload upload = objects.startPut(request.bucket(), request.key(), WriteCondition.NONE);
            FormFile file = new FormFile(upload::write, CHECKSUM, maxSize);
            MultipartFormParser parser;
            try {
                parser = file.parser(boundary);
            } catch (RuntimeException e) {
                upload.abort();
                throw e;
            }
            exchange.then(exchange.readBody(parser), io, upload::abort, done -> {
                file.requirePresent();
                StoredObject object = objects.commit(upload, metadata.contentType(file.contentType())
                        .md5Hex(file.md5Hex()).putChecksum(CHECKSUM.name(), file.checksum()).build());
                exchange.response().setHeader("ETag", object.etag());
                ApiResponses.json(exchange, 201, ObjectResource.info(ObjectResource.UPLOADED, request.bucket(), object));
            });
        });
    }
}
