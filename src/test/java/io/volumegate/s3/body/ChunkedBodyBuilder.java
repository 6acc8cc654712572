package io.volumegate.s3.body;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes aws-chunked bodies the way a client does, signing with its own copy of the SigV4
 * rules (not the decoder's), so tests can make valid bodies and then break them.
 */
final class ChunkedBodyBuilder {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] signingKey;
    private final String amzDate;
    private final String scope;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final List<String> chunkSignatures = new ArrayList<>();
    private String previousSignature;

    private ChunkedBodyBuilder(byte[] signingKey, String amzDate, String scope, String seedSignature) {
        this.signingKey = signingKey;
        this.amzDate = amzDate;
        this.scope = scope;
        this.previousSignature = seedSignature;
    }

    static ChunkedBodyBuilder signed(byte[] signingKey, String amzDate, String scope, String seedSignature) {
        return new ChunkedBodyBuilder(signingKey, amzDate, scope, seedSignature);
    }

    static ChunkedBodyBuilder unsigned() {
        return new ChunkedBodyBuilder(null, null, null, null);
    }

    /** Appends one chunk (an empty one is the final chunk), signed when the body is. */
    ChunkedBodyBuilder chunk(byte[] data) {
        String header = Integer.toHexString(data.length);
        if (signingKey != null) {
            previousSignature = hmacHex(String.join("\n", "AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope,
                    previousSignature, sha256Hex(new byte[0]), sha256Hex(data)));
            chunkSignatures.add(previousSignature);
            header += ";chunk-signature=" + previousSignature;
        }
        ascii(header + "\r\n");
        body.writeBytes(data);
        if (data.length > 0) ascii("\r\n");
        return this;
    }

    ChunkedBodyBuilder finalChunk() { return chunk(new byte[0]); }

    /** Appends a trailer line; call after {@link #finalChunk()}. */
    ChunkedBodyBuilder trailer(String name, String value) {
        trailers.put(name, value);
        ascii(name + ":" + value + "\r\n");
        return this;
    }

    /** Ends the trailer section, with the trailer signature when the body is signed. */
    ChunkedBodyBuilder end() {
        if (signingKey != null && !trailers.isEmpty()) ascii("x-amz-trailer-signature:" + trailerSignature() + "\r\n");
        ascii("\r\n");
        return this;
    }

    String trailerSignature() {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(trailers).forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        return hmacHex(String.join("\n", "AWS4-HMAC-SHA256-TRAILER", amzDate, scope, previousSignature,
                sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8))));
    }

    List<String> chunkSignatures() { return chunkSignatures; }

    byte[] bytes() { return body.toByteArray(); }

    /** The derived SigV4 key: HMAC chain over date, region, service and "aws4_request". */
    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] key = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        for (String part : new String[] {date, region, service, "aws4_request"}) key = hmac(key, part);
        return key;
    }

    private void ascii(String text) { body.writeBytes(text.getBytes(StandardCharsets.US_ASCII)); }

    private String hmacHex(String stringToSign) { return HEX.formatHex(hmac(signingKey, stringToSign)); }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
