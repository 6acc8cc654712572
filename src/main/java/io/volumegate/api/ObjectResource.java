package io.volumegate.api;

import io.volumegate.auth.AuthResult;
import io.volumegate.auth.PayloadHash;
import io.volumegate.config.Config;
import io.volumegate.http.BodyReader;
import io.volumegate.http.BodySink;
import io.volumegate.http.Exchange;
import io.volumegate.objects.VersionIds;
import io.volumegate.s3.Endpoint;
import io.volumegate.s3.QueryParameters;
import io.volumegate.s3.S3Dates;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.body.ChecksumAlgorithm;
import io.volumegate.s3.body.RunningChecksum;
import io.volumegate.s3.bucket.ContinuationTokens;
import io.volumegate.s3.copy.ContentDigests;
import io.volumegate.s3.copy.CopyOperations;
import io.volumegate.s3.copy.CopySource;
import io.volumegate.s3.copy.CopySources;
import io.volumegate.s3.copy.MetadataDirective;
import io.volumegate.s3.copy.OpenedCopySource;
import io.volumegate.storage.Bucket;
import io.volumegate.storage.ContentTypes;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ListPage;
import io.volumegate.storage.ListQuery;
import io.volumegate.storage.ListedObject;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PendingUpload;
import io.volumegate.storage.StoredObject;
import io.volumegate.storage.Volume;
import io.volumegate.storage.WriteCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** One object: list, upload (multipart/form-data, streamed), download, HEAD, delete, copy. */
@ApplicationScoped
public class ObjectResource {
    static final int MAX_KEYS = ListQuery.MAX_KEYS_LIMIT;
    /** The form field that carries the file. */
    static final String FILE_FIELD = "file";
    /** The query parameter naming a version, as S3's versionId. */
    static final String VERSION_ID = "version_id";

    @Inject
    Volume volume;
    @Inject
    IoExecutor io;
    @Inject
    Config config;
    @Inject
    CopySources copySources;

    public record ObjectEntry(String key, long size, String lastModified, String etag) {}

    public record ObjectList(String bucket, String prefix, String delimiter, int maxKeys, List<ObjectEntry> objects,
                             List<String> commonPrefixes, boolean isTruncated, String continuationToken,
                             String nextContinuationToken, int keyCount) {}

    /** The object an upload or copy made. */
    public record ObjectInfo(String bucket, String key, long size, String etag, String lastModified, String contentType) {}

    public record CopyRequest(String sourceBucket, String sourceKey) {}

    // ---- list --------------------------------------------------------------------------

    void list(Exchange exchange, ApiRequest request) {
        QueryParameters query = request.query();
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.getOrDefault("delimiter", "");
        int maxKeys = maxKeys(query.get("max_keys"));
        String token = query.get("continuation_token");
        String resume;
        try {
            resume = token == null || token.isEmpty() ? "" : ContinuationTokens.decode(token);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("continuation_token is not a token this API returned.");
        }
        ListQuery listQuery = new ListQuery(prefix, delimiter, resume, maxKeys);
        exchange.runOn(io, () -> {
            Bucket bucket = volume.bucket(request.bucket());
            ListPage page = bucket.list(listQuery);
            List<ObjectEntry> objects = new ArrayList<>(page.objects().size());
            for (ListedObject object : page.objects()) {
                objects.add(new ObjectEntry(object.key(), object.size(), S3Dates.iso8601(object.lastModified().toInstant()),
                        bucket.etagOf(object)));
            }
            String next = page.truncated() ? ContinuationTokens.encode(page.lastReturned()) : null;
            ApiResponses.ok(exchange, new ObjectList(bucket.name(), prefix, delimiter, maxKeys, objects, page.commonPrefixes(),
                    page.truncated(), token, next, objects.size() + page.commonPrefixes().size()));
        });
    }

    private static int maxKeys(String value) {
        if (value == null || value.isEmpty()) return MAX_KEYS;
        try {
            int maxKeys = Integer.parseInt(value.strip());
            if (maxKeys >= 0 && maxKeys <= MAX_KEYS) return maxKeys;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("max_keys must be an integer from 0 to " + MAX_KEYS + ".");
    }

    // ---- upload ------------------------------------------------------------------------

    /**
     * Streams the form's {@code file} part into a temp file of the bucket as it arrives (non-
     * blocking reads, one window of memory), hashing it; other fields are read and dropped.
     * Once the body has ended the upload is committed like a PUT (fsync, metadata, atomic
     * rename); a failed or refused upload leaves the previous object untouched.
     */
    void upload(Exchange exchange, ApiRequest request) {
        HttpServletRequest http = exchange.request();
        String boundary = MultipartFormParser.boundary(http.getContentType());
        long maxSize = config.maxObjectSize();
        exchange.runOn(io, () -> {
            Bucket bucket = volume.bucket(request.bucket());
            PendingUpload upload = bucket.beginUpload(request.key());
            FilePart file = new FilePart(upload, maxSize);
            MultipartFormParser parser;
            try {
                parser = new MultipartFormParser(boundary, part -> {
                    if (!FILE_FIELD.equals(part.name())) return DISCARD;
                    file.start(part);
                    return file;
                });
                BodyReader.read(http.getInputStream(), parser).whenComplete((ignored, failure) -> {
                    if (failure == null && !file.started) {
                        failure = ApiException.badRequest("The form has no '" + FILE_FIELD + "' field.");
                    }
                    if (failure != null) {
                        upload.abort();
                        exchange.fail(failure);
                        return;
                    }
                    exchange.bodyConsumed();
                    exchange.runOn(io, () -> {
                        ObjectMetadata metadata = ObjectMetadata.builder().contentType(file.contentType).md5Hex(file.md5Hex())
                                .putChecksum(FilePart.CHECKSUM.name(), file.checksum()).build();
                        StoredObject object = bucket.commit(upload, metadata, WriteCondition.NONE);
                        exchange.response().setHeader("ETag", object.etag());
                        ApiResponses.json(exchange, 201, info(bucket.name(), object));
                    });
                });
            } catch (IOException | RuntimeException e) {
                upload.abort();
                throw e;
            }
        });
    }

    private static final BodySink DISCARD = (data, offset, length) -> { };

    /** The file part: into the pending upload, through MD5 and CRC64NVME, within the size limit. */
    private static final class FilePart implements BodySink {
        /** What S3 computes for a PutObject without a checksum: an S3 client sees the same for the same bytes. */
        static final ChecksumAlgorithm CHECKSUM = ChecksumAlgorithm.CRC64NVME;

        private final PendingUpload upload;
        private final long maxSize;
        private final MessageDigest md5 = md5();
        private final RunningChecksum checksum = CHECKSUM.start();
        private long size;
        private volatile boolean started;
        private volatile String contentType;

        FilePart(PendingUpload upload, long maxSize) {
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

        /** Base64, as stored and sent in x-amz-checksum-crc64nvme; once, at the end. */
        String checksum() { return CHECKSUM.encode(checksum.result()); }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    // ---- download, head, delete ------------------------------------------------------------

    void download(Exchange exchange, ApiRequest request) {
        requireCurrentVersion(request);
        exchange.runOn(io, () -> ObjectResponses.send(exchange, volume.bucket(request.bucket()).open(request.key()),
                ObjectResponses.Disposition.ATTACHMENT));
    }

    void delete(Exchange exchange, ApiRequest request) {
        requireCurrentVersion(request);
        exchange.runOn(io, () -> {
            volume.bucket(request.bucket()).delete(request.key());
            ApiResponses.noContent(exchange);
        });
    }

    /** See {@link VersionIds}: any id but "null" names nothing here, so nothing is read or deleted for it. */
    private static void requireCurrentVersion(ApiRequest request) {
        String versionId = request.query().get(VERSION_ID);
        if (!VersionIds.addressesCurrentObject(versionId)) {
            throw ApiException.badRequest("Invalid version id specified: objects here have only the version \"null\".");
        }
    }

    // ---- copy ----------------------------------------------------------------------------

    /**
     * Copies {@code source_bucket/source_key} onto the path's key through the S3 side's copy
     * seam ({@link CopySources}): the caller must be able to read the source bucket, the copy
     * keeps the source's metadata and digests, and it commits like any upload.
     */
    void copy(Exchange exchange, ApiRequest request) throws Exception {
        JsonBody.<CopyRequest>read(exchange, CopyRequest.class).whenComplete((body, failure) -> {
            if (failure != null) {
                exchange.fail(failure);
                return;
            }
            exchange.runOn(io, () -> exchange.finishWith(ApiJson.write(copy(request, body)), ApiJson.CONTENT_TYPE));
        });
    }

    private ObjectInfo copy(ApiRequest request, CopyRequest body) throws IOException {
        if (body.sourceBucket() == null || body.sourceBucket().isEmpty() || body.sourceKey() == null || body.sourceKey().isEmpty()) {
            throw ApiException.badRequest("source_bucket and source_key are required.");
        }
        MetadataDirective.COPY.checkCopyOntoItself(body.sourceBucket().equals(request.bucket()) && body.sourceKey().equals(request.key()));
        String copySource = "/" + UriEncoding.segment(body.sourceBucket()) + "/" + UriEncoding.path(body.sourceKey());
        S3Request s3 = new S3Request(Endpoint.COPY_OBJECT, request.bucket(), request.key(), QueryParameters.parse(null),
                new AuthResult(request.credential(), PayloadHash.UNSIGNED_PAYLOAD, new byte[0], null, null, null));
        Bucket target = volume.bucket(request.bucket());
        try (OpenedCopySource opened = copySources.open(s3, name -> CopySource.HEADER.equalsIgnoreCase(name) ? copySource : null,
                CopySources.Range.IGNORED)) {
            if (opened.length() > config.maxObjectSize()) {
                throw new ApiException(413, "EntityTooLarge", "The source is larger than this server copies (" + config.maxObjectSize() + " bytes).");
            }
            Set<ChecksumAlgorithm> algorithms = CopyOperations.checksumsOf(opened.object());
            ObjectMetadata metadata = MetadataDirective.COPY.metadataFor(opened.object().metadata().orElse(null),
                    CopyOperations.contentTypeOf(opened), () -> null);
            PendingUpload upload = target.beginUpload(request.key());
            ContentDigests digests;
            try {
                digests = CopyOperations.copyContent(opened, upload, algorithms);
            } catch (IOException | RuntimeException e) {
                upload.abort();
                throw e;
            }
            ObjectMetadata.Builder stored = metadata.toBuilder().md5Hex(digests.md5Hex());
            digests.checksums().forEach((algorithm, value) -> stored.putChecksum(algorithm.name(), value));
            return info(target.name(), target.commit(upload, stored.build(), WriteCondition.NONE));
        }
    }

    static ObjectInfo info(String bucket, StoredObject object) {
        String contentType = object.metadata().map(ObjectMetadata::contentType).orElse(null);
        if (contentType == null) contentType = ContentTypes.byExtension(object.key());
        return new ObjectInfo(bucket, object.key(), object.size(), object.etag(), S3Dates.iso8601(object.lastModified()), contentType);
    }
}
