package io.volumegate.s3.object;

import io.volumegate.http.ByteRange;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.objects.ObjectRef;
import io.volumegate.s3.VersionHeaders;
import io.volumegate.objects.ObjectService;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.tagging.TagSets;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.OpenedObject;
import io.volumegate.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Map;

/** GetObject and HeadObject: the same headers, so HEAD always tells what GET would send. */
@ApplicationScoped
public class ObjectReadOperations {
    /** response-* query parameters and the header each overrides. */
    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "response-content-type", "Content-Type",
            "response-content-language", "Content-Language",
            "response-expires", "Expires",
            "response-cache-control", "Cache-Control",
            "response-content-disposition", "Content-Disposition",
            "response-content-encoding", "Content-Encoding");

    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;

    public void getObject(Exchange exchange, S3Request request) {
        ObjectRef ref = new ObjectRef(request.bucket(), request.key(), request.query().get("versionId"));
        exchange.runOn(io, () -> {
            // Opened together, so the headers describe the very bytes we send.
            OpenedObject opened = objects.open(ref);
            StoredObject object = opened.object();
            FileChannel channel = opened.channel();
            HttpServletRequest http = exchange.request();
            HttpServletResponse response = exchange.response();
            boolean head = "HEAD".equals(http.getMethod());
            try {
                if (ReadConditions.notModified(http, object.etag(), object.lastModified())) {
                    OpenedObject.closeQuietly(channel);
                    response.setStatus(304);
                    response.setHeader("ETag", object.etag());
                    response.setHeader("Last-Modified", HttpDates.http(object.lastModified()));
                    VersionHeaders.describe(response, object, ref.versionId());
                    exchange.finishEmpty();
                    return;
                }
                PartSelection part = PartSelection.of(request.query().get("partNumber"), http.getHeader("Range"), object);
                ByteRange range = part != null ? part.range() : ByteRange.parse(http.getHeader("Range"), object.size());
                writeHeaders(response, request, object, opened.contentType());
                VersionHeaders.describe(response, object, ref.versionId());
                if (part != null && part.partsCount() > 0) response.setHeader("x-amz-mp-parts-count", Integer.toString(part.partsCount()));
                if (range == null && part == null && "ENABLED".equalsIgnoreCase(http.getHeader("x-amz-checksum-mode"))) {
                    checksumHeaders(response, object);
                }
                boolean emptyPart = part != null && range == null; // sends no bytes
                exchange.finishWithContent(channel, emptyPart ? 0 : object.size(), range, head);
            } catch (RuntimeException | IOException e) {
                OpenedObject.closeQuietly(channel);
                throw e;
            }
        });
    }

    private static void writeHeaders(HttpServletResponse response, S3Request request, StoredObject object, String contentType) {
        response.setHeader("ETag", object.etag());
        response.setHeader("Last-Modified", HttpDates.http(object.lastModified()));
        response.setHeader("Accept-Ranges", "bytes");
        response.setContentType(contentType);
        object.metadata().ifPresent(metadata -> storedHeaders(response, metadata));
        for (Map.Entry<String, String> override : RESPONSE_OVERRIDES.entrySet()) {
            String value = request.query().get(override.getKey());
            if (value != null) response.setHeader(override.getValue(), value);
        }
    }

    private static void storedHeaders(HttpServletResponse response, ObjectMetadata metadata) {
        setIfPresent(response, "Content-Encoding", metadata.contentEncoding());
        setIfPresent(response, "Content-Disposition", metadata.contentDisposition());
        setIfPresent(response, "Content-Language", metadata.contentLanguage());
        setIfPresent(response, "Cache-Control", metadata.cacheControl());
        setIfPresent(response, "Expires", metadata.expires());
        metadata.userMetadata().forEach((name, value) -> response.setHeader("x-amz-meta-" + name, value));
        ObjectLockHeaders.describe(response, metadata);
        if (!metadata.tags().isEmpty()) response.setHeader(TagSets.COUNT_HEADER, Integer.toString(metadata.tags().size()));
    }

    /**
     * Stored whole-object checksums, COMPOSITE or FULL_OBJECT; never for a range or a part,
     * whose bytes they do not describe.
     */
    private static void checksumHeaders(HttpServletResponse response, StoredObject object) {
        object.metadata().ifPresent(metadata -> {
            metadata.checksums().forEach((algorithm, value) ->
                    response.setHeader("x-amz-checksum-" + algorithm.toLowerCase(java.util.Locale.ROOT), value));
            if (!metadata.checksums().isEmpty()) {
                response.setHeader("x-amz-checksum-type", metadata.checksumType() != null ? metadata.checksumType() : "FULL_OBJECT");
            }
        });
    }

    private static void setIfPresent(HttpServletResponse response, String header, String value) {
        if (value != null) response.setHeader(header, value);
    }


}
