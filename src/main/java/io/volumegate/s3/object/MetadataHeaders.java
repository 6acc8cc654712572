package io.volumegate.s3.object;

import io.volumegate.http.S3Error;
import io.volumegate.s3.tagging.TagSets;
import io.volumegate.storage.ObjectMetadata;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The content headers, x-amz-meta-*, object lock headers and x-amz-tagging of a PUT (and of a
 * REPLACE copy and a CreateMultipartUpload), as the metadata we store with the object.
 */
public final class MetadataHeaders {
    /**
     * What S3 stores for an upload that names no Content-Type. Stored explicitly, so only files
     * other programs wrote (no stored metadata at all) are typed by extension or content.
     */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
    /** S3's limit on the user-defined metadata of one object. */
    private static final int MAX_USER_METADATA_BYTES = 2048;
    private static final String USER_PREFIX = "x-amz-meta-";

    private MetadataHeaders() {}

    public static ObjectMetadata from(HttpServletRequest request) {
        ObjectMetadata metadata = from(name -> {
            List<String> values = Collections.list(request.getHeaders(name));
            return values.isEmpty() ? null : String.join(",", values);
        }, Collections.list(request.getHeaderNames()));
        return metadata.toBuilder().tags(TagSets.fromHeader(request.getHeader(TagSets.HEADER))).build();
    }

    /**
     * The same from named values that are not headers: a browser form's fields (POST Object).
     *
     * @param value the value of a name (all values joined with ','), null when absent
     * @param names every name there is, in any case
     */
    public static ObjectMetadata from(Function<String, String> value, Collection<String> names) {
        ObjectMetadata.Builder metadata = ObjectMetadata.builder()
                .contentType(contentType(value.apply("Content-Type")))
                .contentEncoding(withoutAwsChunked(value.apply("Content-Encoding")))
                .contentDisposition(value.apply("Content-Disposition"))
                .cacheControl(value.apply("Cache-Control"))
                .expires(value.apply("Expires"))
                .contentLanguage(value.apply("Content-Language"));
        int userBytes = 0;
        for (String name : names) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(USER_PREFIX)) continue;
            String key = lower.substring(USER_PREFIX.length());
            String joined = value.apply(name);
            userBytes += key.getBytes(StandardCharsets.UTF_8).length + joined.getBytes(StandardCharsets.UTF_8).length;
            metadata.putUserMetadata(key, joined);
        }
        if (userBytes > MAX_USER_METADATA_BYTES) {
            throw S3Error.METADATA_TOO_LARGE.exception();
        }
        ObjectLockHeaders.apply(value::apply, metadata);
        return metadata.build();
    }

    private static String contentType(String header) {
        return header == null || header.isBlank() ? DEFAULT_CONTENT_TYPE : header;
    }

    /** aws-chunked is how the body travelled, not how the object is encoded: never store it. */
    private static String withoutAwsChunked(String contentEncoding) {
        if (contentEncoding == null) return null;
        String kept = java.util.Arrays.stream(contentEncoding.split(","))
                .map(String::trim)
                .filter(coding -> !coding.isEmpty() && !coding.equalsIgnoreCase("aws-chunked"))
                .collect(java.util.stream.Collectors.joining(","));
        return kept.isEmpty() ? null : kept;
    }
}
