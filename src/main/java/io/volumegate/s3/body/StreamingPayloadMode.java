package io.volumegate.s3.body;

import java.util.Optional;

/**
 * The aws-chunked body framings a client announces in x-amz-content-sha256. They differ in
 * two ways only: whether each chunk carries a chained signature, and whether trailing
 * headers (a checksum computed while the client streamed) follow the last chunk.
 */
public enum StreamingPayloadMode {
    SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
    SIGNED_WITH_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
    UNSIGNED_WITH_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, true);

    private final String contentSha256;
    private final boolean signed;
    private final boolean trailer;

    StreamingPayloadMode(String contentSha256, boolean signed, boolean trailer) {
        this.contentSha256 = contentSha256;
        this.signed = signed;
        this.trailer = trailer;
    }

    /** The x-amz-content-sha256 value that selects this mode. */
    public String contentSha256() { return contentSha256; }

    /** Whether every chunk, and the trailer if any, carries a signature chained from the seed. */
    public boolean signed() { return signed; }

    /** Whether trailing headers may follow the final zero-length chunk. */
    public boolean trailer() { return trailer; }

    /**
     * The mode an x-amz-content-sha256 value names; empty for a plain (hex, UNSIGNED-PAYLOAD)
     * body and for streaming modes we do not decode (the SigV4a ECDSA ones).
     */
    public static Optional<StreamingPayloadMode> fromContentSha256(String value) {
        for (StreamingPayloadMode mode : values()) {
            if (mode.contentSha256.equals(value)) return Optional.of(mode);
        }
        return Optional.empty();
    }
}
