package io.volumegate.s3.body;

import io.volumegate.http.S3Error;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Verifies the signatures of a streaming SigV4 body. Each chunk's signature covers the
 * signature before it, starting from the request's own (seed) signature, so chunks cannot
 * be dropped, reordered or replayed from another upload; the trailer's signature continues
 * the same chain from the final chunk's.
 */
public final class ChunkSignatureChain {
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final Mac hmac;
    private final String amzDate;
    private final String scope;
    private String previousSignature;

    /**
     * @param signingKey    the derived SigV4 key (HMAC of secret, date, region, service)
     * @param amzDate       the request's x-amz-date, e.g. 20130524T000000Z
     * @param scope         the credential scope, e.g. 20130524/us-east-1/s3/aws4_request
     * @param seedSignature the request's own signature (hex), which the first chunk chains from
     */
    public ChunkSignatureChain(byte[] signingKey, String amzDate, String scope, String seedSignature) {
        try {
            this.hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
        this.amzDate = amzDate;
        this.scope = scope;
        this.previousSignature = seedSignature.toLowerCase(Locale.ROOT);
    }

    /**
     * Checks one chunk's signature and moves the chain past it.
     *
     * @param chunkSha256 SHA-256 of the chunk's data, hashed while it streamed
     * @param claimed     the chunk-signature the client sent (hex)
     */
    public void verifyChunk(byte[] chunkSha256, String claimed) {
        String expected = sign("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previousSignature
                + "\n" + EMPTY_SHA256 + "\n" + HEX.formatHex(chunkSha256));
        check(expected, claimed, "chunk");
    }

    /**
     * Checks the trailer's signature, which follows the final (empty) chunk's.
     *
     * @param canonicalTrailers the trailing headers as {@code name:value\n} lines, sorted by name
     * @param claimed           the x-amz-trailer-signature the client sent (hex)
     */
    public void verifyTrailer(String canonicalTrailers, String claimed) {
        String expected = sign("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previousSignature
                + "\n" + HEX.formatHex(sha256(canonicalTrailers.getBytes(StandardCharsets.UTF_8))));
        check(expected, claimed, "trailer");
    }

    private void check(String expected, String claimed, String what) {
        // Constant-time, so timing does not reveal how much of a forged signature was right.
        byte[] claimedBytes = claimed.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), claimedBytes)) {
            throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception("The " + what
                    + " signature we calculated does not match the signature you provided.");
        }
        previousSignature = expected;
    }

    private String sign(String stringToSign) {
        return HEX.formatHex(hmac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
