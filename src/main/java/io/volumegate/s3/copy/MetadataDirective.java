package io.volumegate.s3.copy;

import io.volumegate.http.S3Error;
import io.volumegate.storage.ObjectMetadata;

import java.util.function.Supplier;

/**
 * {@code x-amz-metadata-directive} of CopyObject: where the copy's content headers and
 * {@code x-amz-meta-*} come from. Digests are never taken from either side: they belong to
 * the bytes and are set by the copy itself.
 */
public enum MetadataDirective {
    /** The source's (the default). The request's content headers and x-amz-meta-* are ignored. */
    COPY,
    /** The request's, as for a PUT; nothing of the source's. */
    REPLACE;

    public static final String HEADER = "x-amz-metadata-directive";

    /** COPY when absent; S3 knows only these two exact values. */
    public static MetadataDirective from(String header) {
        if (header == null) return COPY;
        return switch (header.strip()) {
            case "COPY" -> COPY;
            case "REPLACE" -> REPLACE;
            default -> throw S3Error.INVALID_ARGUMENT.exception("Unknown metadata directive.")
                    .with("ArgumentName", HEADER).with("ArgumentValue", header);
        };
    }

    /**
     * A copy onto the object itself must change something; the only thing it can change here
     * is its metadata, so S3's rule becomes: only with REPLACE.
     */
    public void checkCopyOntoItself(boolean sameObject) {
        if (sameObject && this != REPLACE) {
            throw S3Error.INVALID_REQUEST.exception("This copy request is illegal because it is trying to copy an object"
                    + " to itself without changing the object's metadata, storage class, website redirect location or"
                    + " encryption attributes.");
        }
    }

    /**
     * The copy's metadata, without digests.
     *
     * @param source            the source's stored metadata, or null when it has none (a file
     *                          another program wrote)
     * @param sourceContentType the Content-Type the source is served with (stored, else by
     *                          extension or sniffing): a copy under another key is still the
     *                          same kind of content, and S3 carries the type over
     * @param fromRequest       the request's headers as metadata; asked for only under REPLACE
     */
    public ObjectMetadata metadataFor(ObjectMetadata source, String sourceContentType, Supplier<ObjectMetadata> fromRequest) {
        ObjectMetadata.Builder copy = this == REPLACE ? fromRequest.get().toBuilder()
                : source != null ? source.toBuilder().contentType(sourceContentType)
                : ObjectMetadata.builder().contentType(sourceContentType);
        return copy.md5Hex(null).checksums(java.util.Map.of()).size(0).mtimeMillis(0).build();
    }
}
