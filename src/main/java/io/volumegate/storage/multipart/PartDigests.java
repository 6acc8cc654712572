package io.volumegate.storage.multipart;

import java.io.IOException;
import java.util.Map;

/**
 * What a caller that stages a part from a file computes over the part's bytes while
 * {@link MultipartStaging#copyPart} copies them: the seam for UploadPartCopy, whose
 * checksum algorithms are the caller's business.
 */
public interface PartDigests {
    /** Sees the part's bytes in order, a buffer at a time. */
    void write(byte[] data, int offset, int length) throws IOException;

    /** The last byte went by: check any promise about the bytes. */
    void finish() throws IOException;

    /** MD5 of the bytes as hex: the part's ETag. Valid after {@link #finish()}. */
    String md5Hex();

    /** Algorithm name (upper-case) to base64 value; must include the upload's algorithm. */
    Map<String, String> checksums();
}
