package io.volumegate.s3.multipart;

import io.volumegate.auth.AuthResult;
import io.volumegate.auth.PayloadHash;
import io.volumegate.http.S3Error;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Holds a small request body read into memory (an XML document) to what the request promised
 * about it: the SHA-256 the signature covers, and Content-MD5. Streaming uploads check the
 * same in their pipeline; a document must not escape it by being small.
 */
final class SmallBodyDigests {
    private SmallBodyDigests() {}

    static void verify(byte[] body, AuthResult auth, String contentMd5) {
        String payloadHash = auth.payloadHash();
        if (PayloadHash.isSha256Hex(payloadHash)
                && !MessageDigest.isEqual(digest("SHA-256", body), HexFormat.of().parseHex(payloadHash.toLowerCase(Locale.ROOT)))) {
            throw S3Error.X_AMZ_CONTENT_SHA256_MISMATCH.exception();
        }
        if (contentMd5 != null) {
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(contentMd5.strip());
            } catch (IllegalArgumentException e) {
                throw S3Error.INVALID_DIGEST.exception();
            }
            if (expected.length != 16) throw S3Error.INVALID_DIGEST.exception();
            if (!MessageDigest.isEqual(expected, digest("MD5", body))) throw S3Error.BAD_DIGEST.exception();
        }
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
