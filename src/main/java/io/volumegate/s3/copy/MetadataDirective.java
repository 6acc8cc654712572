package io.volumegate.s3.copy;

import io.volumegate.http.S3Error;


/**
 * {@code x-amz-metadata-directive} of CopyObject: where the copy's content headers and
 * {@code x-amz-meta-*} come from, the source (COPY) or the request (REPLACE). Digests are
 * never taken from either side: they belong to the bytes and are set by the copy itself.
 */
public enum MetadataDirective {
    /** The source's (the default). The request's content headers and x-amz-meta-* are ignored. */
    COPY,
    /** The request's, as for a PUT; nothing of the source's. */
    REPLACE;

    public static final String HEADER = "x-amz-metadata-directive";
    /** The same choice for the copy's tags: the source version's (COPY) or the request's {@code x-amz-tagging}. */
    public static final String TAGGING_HEADER = "x-amz-tagging-directive";

    /** COPY when absent; S3 knows only these two exact values. */
    public static MetadataDirective from(String header) {
        return from(header, HEADER, "Unknown metadata directive.");
    }

    /** {@code x-amz-tagging-directive}: COPY when absent. */
    public static MetadataDirective forTagging(String header) {
        return from(header, TAGGING_HEADER, "Unknown tagging directive.");
    }

    private static MetadataDirective from(String header, String name, String unknown) {
        if (header == null) return COPY;
        return switch (header.strip()) {
            case "COPY" -> COPY;
            case "REPLACE" -> REPLACE;
            default -> throw S3Error.INVALID_ARGUMENT.exception(unknown).with("ArgumentName", name).with("ArgumentValue", header);
        };
    }
}
