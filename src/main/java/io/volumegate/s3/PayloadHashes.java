package io.volumegate.s3;

import io.volumegate.http.S3Error;

import java.util.regex.Pattern;

/** What the signed x-amz-content-sha256 value asks of the body pipeline. */
final class PayloadHashes {
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private PayloadHashes() {}

    /** The hex SHA-256 the body must have, or null when the payload is unsigned. */
    static String verifiableSha256(String payloadHash) {
        if (payloadHash == null || UNSIGNED.equals(payloadHash)) return null;
        if (SHA256_HEX.matcher(payloadHash).matches()) return payloadHash;
        // aws-chunked streaming bodies are decoded by a pipeline stage not built yet.
        throw S3Error.NOT_IMPLEMENTED.exception("Payload mode " + payloadHash + " is not supported yet; "
                + "send UNSIGNED-PAYLOAD or a hex SHA-256.");
    }
}
