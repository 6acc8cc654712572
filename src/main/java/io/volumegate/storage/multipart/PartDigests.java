package io.volumegate.storage.multipart;

import io.volumegate.http.BodySink;

import java.util.Map;

/**
 * What a caller that stages a part from a file computes over the part's bytes while
 * {@link MultipartStaging#copyPart} copies them: the seam for UploadPartCopy, whose
 * checksum algorithms are the S3 layer's business.
 */
public interface PartDigests extends BodySink {
    /** MD5 of the bytes as hex: the part's ETag. Valid after {@link #finish()}. */
    String md5Hex();

    /** Algorithm name (upper-case) to base64 value; must include the upload's algorithm. */
    Map<String, String> checksums();
}
