package io.volumegate.s3.object;

import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Error;
import io.volumegate.objects.ObjectRef;
import io.volumegate.objects.ObjectService;
import io.volumegate.s3.IntegerArguments;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.VersionHeaders;
import io.volumegate.s3.xml.GetObjectAttributesResponse;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.storage.IoExecutor;
import io.volumegate.storage.ObjectMetadata;
import io.volumegate.storage.PartSizes;
import io.volumegate.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GetObjectAttributes: what {@code x-amz-object-attributes} asks for of a version, without its
 * content. ObjectParts lists a multipart object's parts (sizes, and the checksums of a COMPOSITE
 * upload) a page at a time ({@code x-amz-max-parts}, {@code x-amz-part-number-marker}); an object
 * written in one piece has none.
 */
@ApplicationScoped
public class ObjectAttributesOperation {
    static final String ATTRIBUTES = "x-amz-object-attributes";
    static final String MAX_PARTS = "x-amz-max-parts";
    static final String PART_NUMBER_MARKER = "x-amz-part-number-marker";
    private static final int DEFAULT_MAX_PARTS = 1000;

    /** The attributes S3 knows, as spelled in the header. */
    enum Attribute { ETag, Checksum, ObjectParts, StorageClass, ObjectSize }

    @Inject
    ObjectService objects;
    @Inject
    IoExecutor io;

    public void getObjectAttributes(Exchange exchange, S3Request request) {
        HttpServletRequest http = exchange.request();
        // SDKs send the list as one header or as one header per attribute.
        Set<Attribute> attributes = attributes(String.join(",", Collections.list(http.getHeaders(ATTRIBUTES))));
        int maxParts = nonNegative(http.getHeader(MAX_PARTS), MAX_PARTS, DEFAULT_MAX_PARTS,
                "Provided max-parts not an integer or within integer range");
        int marker = nonNegative(http.getHeader(PART_NUMBER_MARKER), PART_NUMBER_MARKER, 0,
                "Provided x-amz-part-number-marker not an integer or within integer range");
        ObjectRef ref = new ObjectRef(request.bucket(), request.key(), request.query().get("versionId"));
        exchange.runOn(io, () -> {
            StoredObject object = objects.head(ref);
            exchange.response().setHeader("Last-Modified", HttpDates.http(object.lastModified()));
            VersionHeaders.describe(exchange.response(), object, ref.versionId());
            exchange.finishWith(S3Xml.write(answer(object, attributes, maxParts, marker)), S3Xml.CONTENT_TYPE);
        });
    }

    /** The attributes asked for: names separated by commas, at least one, each one S3 knows. */
    static Set<Attribute> attributes(String header) {
        Set<Attribute> attributes = EnumSet.noneOf(Attribute.class);
        if (header != null) {
            for (String name : header.split(",")) {
                if (name.isBlank()) continue;
                try {
                    attributes.add(Attribute.valueOf(name.strip()));
                } catch (IllegalArgumentException unknown) {
                    throw S3Error.INVALID_ARGUMENT.exception("Invalid attribute name specified.")
                            .with("ArgumentName", ATTRIBUTES).with("ArgumentValue", name.strip());
                }
            }
        }
        if (attributes.isEmpty()) {
            throw S3Error.INVALID_REQUEST.exception("The x-amz-object-attributes header specifying the attributes to be retrieved is "
                    + "either missing or empty");
        }
        return attributes;
    }

    private static int nonNegative(String header, String name, int absent, String message) {
        if (header == null) return absent;
        return IntegerArguments.nonNegative(header).orElseThrow(() ->
                S3Error.INVALID_ARGUMENT.exception(message).with("ArgumentName", name).with("ArgumentValue", header));
    }

    static GetObjectAttributesResponse answer(StoredObject object, Set<Attribute> attributes, int maxParts, int marker) {
        GetObjectAttributesResponse answer = new GetObjectAttributesResponse();
        ObjectMetadata metadata = object.metadata().orElse(null);
        if (attributes.contains(Attribute.ETag)) answer.ETag = unquoted(object.etag());
        if (attributes.contains(Attribute.StorageClass)) answer.StorageClass = "STANDARD";
        if (attributes.contains(Attribute.ObjectSize)) answer.ObjectSize = object.size();
        if (metadata == null) return answer; // a file another program wrote: no checksum, no parts
        boolean composite = "COMPOSITE".equals(metadata.checksumType());
        if (attributes.contains(Attribute.Checksum) && !metadata.checksums().isEmpty()) {
            answer.Checksum = new GetObjectAttributesResponse.Checksum();
            for (Map.Entry<String, String> checksum : metadata.checksums().entrySet()) {
                // S3 writes a composite checksum here without the "-<parts>" GetObject gives it.
                String value = checksum.getValue();
                answer.Checksum.checksum(checksum.getKey(), composite && value.contains("-") ? value.substring(0, value.lastIndexOf('-')) : value);
            }
            answer.Checksum.ChecksumType = metadata.checksumType() != null ? metadata.checksumType() : "FULL_OBJECT";
        }
        if (attributes.contains(Attribute.ObjectParts) && metadata.partSizes() != null) {
            answer.ObjectParts = parts(metadata, maxParts, marker);
        }
        return answer;
    }

    /** One page of the parts after {@code marker}: their sizes, and their checksums when kept. */
    private static GetObjectAttributesResponse.ObjectParts parts(ObjectMetadata metadata, int maxParts, int marker) {
        PartSizes sizes = metadata.partSizes();
        List<String> checksums = metadata.partChecksums();
        String algorithm = metadata.checksums().size() == 1 ? metadata.checksums().keySet().iterator().next() : null;
        GetObjectAttributesResponse.ObjectParts page = new GetObjectAttributesResponse.ObjectParts();
        page.PartsCount = sizes.count();
        page.PartNumberMarker = marker;
        page.MaxParts = maxParts;
        int last = (int) Math.min((long) marker + maxParts, sizes.count());
        for (int number = marker + 1; number <= last; number++) {
            GetObjectAttributesResponse.Part part = new GetObjectAttributesResponse.Part();
            part.PartNumber = number;
            part.Size = sizes.sizeOf(number);
            if (checksums != null && algorithm != null && checksums.size() == sizes.count()) part.checksum(algorithm, checksums.get(number - 1));
            page.parts.add(part);
        }
        page.IsTruncated = last < sizes.count();
        if (!page.parts.isEmpty()) page.NextPartNumberMarker = last;
        return page;
    }

    private static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
