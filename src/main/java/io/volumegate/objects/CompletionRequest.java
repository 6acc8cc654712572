package io.volumegate.objects;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.storage.multipart.RequestedPart;

import java.util.List;

/**
 * What a completion of a multipart upload asks: the parts, and what the client claims about
 * the whole object, which the assembled object must then match.
 *
 * @param checksumAlgorithm the algorithm of a claimed object checksum, or null
 * @param checksum          the claimed object checksum (base64, maybe with {@code -N}), or null
 * @param checksumType      the claimed checksum type, or null
 * @param objectSize        the claimed object size, or -1
 */
public record CompletionRequest(List<RequestedPart> parts, ChecksumAlgorithm checksumAlgorithm, String checksum,
                                ChecksumType checksumType, long objectSize) {
    public CompletionRequest {
        parts = List.copyOf(parts);
    }

    /** A completion that names its parts and claims nothing else. */
    public static CompletionRequest ofParts(List<RequestedPart> parts) {
        return new CompletionRequest(parts, null, null, null, -1);
    }

    /** These claims with these parts. */
    public CompletionRequest withParts(List<RequestedPart> parts) {
        return new CompletionRequest(parts, checksumAlgorithm, checksum, checksumType, objectSize);
    }
}
