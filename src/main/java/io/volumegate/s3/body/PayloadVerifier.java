package io.volumegate.s3.body;

import io.volumegate.checksum.Md5;
import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Hashes the body as it streams past and, when it ends, holds it to what the client
 * promised: its length, its Content-MD5 and its x-amz-content-sha256. The MD5 is computed
 * always because it is the object's ETag. A broken promise fails the upload before commit.
 */
public final class PayloadVerifier implements BodySink {
    private final BodySink next;
    private final long expectedLength;
    private final byte[] expectedMd5;
    private final byte[] expectedSha256;
    private final MessageDigest md5 = Md5.start();
    private final MessageDigest sha256;
    private final long maxLength;
    private long length;
    private byte[] md5Result;

    /**
     * @param expectedLength declared decoded length, or -1 when unknown (chunked transfer)
     * @param contentMd5     the decoded Content-MD5 ({@link #contentMd5(String)}), or null
     * @param payloadSha256  hex SHA-256 the signature covered, or null when unsigned
     */
    public PayloadVerifier(BodySink next, long expectedLength, long maxLength, byte[] contentMd5, String payloadSha256) {
        this.next = next;
        this.expectedLength = expectedLength;
        this.maxLength = maxLength;
        this.expectedMd5 = contentMd5;
        this.expectedSha256 = payloadSha256 == null ? null : HexFormat.of().parseHex(payloadSha256.toLowerCase(java.util.Locale.ROOT));
        this.sha256 = payloadSha256 == null ? null : digest("SHA-256");
    }

    @Override
    public void write(byte[] data, int offset, int count) throws IOException {
        length += count;
        if (length > maxLength) throw S3Error.ENTITY_TOO_LARGE.exception();
        if (expectedLength >= 0 && length > expectedLength) {
            throw S3Error.INVALID_REQUEST.exception("The body is longer than its declared length.");
        }
        md5.update(data, offset, count);
        if (sha256 != null) sha256.update(data, offset, count);
        next.write(data, offset, count);
    }

    @Override
    public void finish() throws IOException {
        if (expectedLength >= 0 && length != expectedLength) throw S3Error.INCOMPLETE_BODY.exception();
        md5Result = md5.digest();
        if (sha256 != null && !MessageDigest.isEqual(sha256.digest(), expectedSha256)) {
            throw S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.exception();
        }
        if (expectedMd5 != null && !MessageDigest.isEqual(md5Result, expectedMd5)) {
            throw S3Error.BAD_DIGEST.exception();
        }
        next.finish();
    }

    public long length() { return length; }

    /** MD5 of the body as lower-case hex; valid after {@link #finish()}. */
    public String md5Hex() { return HexFormat.of().formatHex(md5Result); }

    /**
     * The 16 bytes a Content-MD5 header (base64) promises, or null when there is none; a
     * malformed one is InvalidDigest. Callers decode it before they open a temp file, so
     * that this refusal needs no cleanup.
     */
    public static byte[] contentMd5(String base64) {
        if (base64 == null) return null;
        try {
            byte[] md5 = Base64.getDecoder().decode(base64.trim());
            if (md5.length == 16) return md5;
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw S3Error.INVALID_DIGEST.exception();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
