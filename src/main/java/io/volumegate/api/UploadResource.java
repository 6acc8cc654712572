package io.volumegate.api;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.RunningChecksum;
import io.volumegate.config.Config;
import io.volumegate.http.BodySink;
import io.volumegate.http.Exchange;
import io.volumegate.objects.ObjectService;
import io.volumegate.objects.ObjectUpload;
import io.volumegate.storage.ContentTypes;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Uploads an object from a multipart/form-data body: the form's {@code file} part streams into
 * the object service's upload as it arrives (non-blocking reads, one window of memory), hashed
 * on the way; other fields are read and dropped. Once the body has ended it is committed like
 * a PUT (fsync, metadata, atomic rename), with the MD5 and the CRC64NVME checksum an S3 PUT of
 * the same bytes gets; a failed or refused upload leaves the previous object untouched.
 */
@ApplicationScoped
public class UploadResource {
    /** The form field that carries the file. */
    static final String FILE_FIELD = "file";
    /** What S3 computes for a PUT that names no checksum: the same object, whichever API wrote it. */
    static final ChecksumAlgorithm CHECKSUM = ChecksumAlgorithm.CRC64NVME;

    private static final BodySink DISCARD = (data, offset, length) -> { };

    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;
    @Inject
    Config config;

    void upload(Exchange exchange, ApiRequest request) {
        String boundary = MultipartFormParser.boundary(exchange.request().getContentType());
        long maxSize = config.maxObjectSize();
        exchange.runOn(io, () -> {
            ObjectUpload upload = objects.startPut(request.bucket(), request.key(), WriteCondition.NONE);
            FilePart file = new FilePart(upload, maxSize);
            MultipartFormParser parser;
            try {
                parser = new MultipartFormParser(boundary, part -> {
                    if (!FILE_FIELD.equals(part.name())) return DISCARD;
                    file.start(part);
                    return file;
                });
            } catch (RuntimeException e) {
                upload.abort();
                throw e;
            }
            exchange.then(exchange.readBody(parser), io, upload::abort, done -> {
                if (!file.started) {
                    upload.abort();
                    throw ApiException.badRequest("The form has no '" + FILE_FIELD + "' field.");
                }
                StoredObject object = objects.commit(upload, ObjectMetadata.builder().contentType(file.contentType)
                        .md5Hex(file.md5Hex()).putChecksum(CHECKSUM.name(), file.checksum()).build());
                exchange.response().setHeader("ETag", object.etag());
                ApiResponses.json(exchange, 201, ObjectResource.info(request.bucket(), object));
            });
        });
    }

    /** The file part: into the upload, through MD5 and the checksum, within the size limit. */
    private static final class FilePart implements BodySink {
        private final ObjectUpload upload;
        private final long maxSize;
        private final MessageDigest md5 = md5();
        private final RunningChecksum checksum = CHECKSUM.start();
        private long size;
        private volatile boolean started;
        private volatile String contentType;

        FilePart(ObjectUpload upload, long maxSize) {
            this.upload = upload;
            this.maxSize = maxSize;
        }

        void start(MultipartFormParser.PartHeaders headers) {
            if (started) throw ApiException.badRequest("The form has more than one '" + FILE_FIELD + "' field.");
            started = true;
            String type = headers.contentType();
            // Browsers say octet-stream when they do not know: let the key's extension or sniffing decide then.
            contentType = type == null || type.isBlank() || type.equalsIgnoreCase(ContentTypes.OCTET_STREAM) ? null : type.strip();
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            size += length;
            if (size > maxSize) {
                throw new ApiException(413, "EntityTooLarge", "The file is larger than this server takes (" + maxSize + " bytes).");
            }
            md5.update(data, offset, length);
            checksum.update(data, offset, length);
            upload.write(data, offset, length);
        }

        String md5Hex() { return HexFormat.of().formatHex(md5.digest()); }

        String checksum() { return CHECKSUM.encode(checksum.result()); }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
