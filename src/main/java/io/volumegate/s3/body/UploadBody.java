package io.volumegate.s3.body;

import io.volumegate.auth.AuthResult;
import io.volumegate.auth.PayloadHash;
import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The body pipeline of an upload, assembled from what the request announces:
 * <pre>
 *   wire ─▶ [aws-chunked decoder] ─▶ payload verifier ─▶ checksum verifier ─▶ destination
 *            chunk signatures,         length, MD5,        x-amz-checksum-*
 *            trailers                  SHA-256             (header or trailer)
 * </pre>
 * Every stage streams; each checks its promise when the body ends, so the destination is
 * committed only when all of them hold.
 */
public final class UploadBody {
    private static final String DECODED_LENGTH = "x-amz-decoded-content-length";

    private final BodySink head;
    private final PayloadVerifier payload;
    private final ChecksumVerifier checksum;

    private UploadBody(BodySink head, PayloadVerifier payload, ChecksumVerifier checksum) {
        this.head = head;
        this.payload = payload;
        this.checksum = checksum;
    }

    /**
     * @param header        request header by name, null when absent
     * @param contentLength the HTTP Content-Length, -1 when the body is chunked by HTTP
     */
    public static UploadBody assemble(Function<String, String> header, long contentLength, long maxSize, AuthResult auth,
                                      BodySink destination) {
        return assemble(header, contentLength, maxSize, auth, destination, ChecksumAlgorithm.CRC64NVME);
    }

    /**
     * As {@link #assemble(Function, long, long, AuthResult, BodySink)}, computing
     * {@code defaultChecksum} when the request names no checksum algorithm.
     */
    public static UploadBody assemble(Function<String, String> header, long contentLength, long maxSize, AuthResult auth,
                                      BodySink destination, ChecksumAlgorithm defaultChecksum) {
        String payloadHash = auth.payloadHash();
        if (PayloadHash.STREAMING_ECDSA.equals(payloadHash) || PayloadHash.STREAMING_ECDSA_TRAILER.equals(payloadHash)) {
            throw S3Error.NOT_IMPLEMENTED.exception("SigV4a (ECDSA) signed payloads are not supported; sign with SigV4.");
        }
        ChecksumRequest checksums = ChecksumRequest.from(header, defaultChecksum);
        byte[] contentMd5 = PayloadVerifier.contentMd5(header.apply("Content-MD5"));
        Optional<StreamingPayloadMode> streaming = StreamingPayloadMode.fromContentSha256(payloadHash);
        if (!isAwsChunked(header, payloadHash)) {
            ChecksumVerifier checksum = checksums.verifier(Map::of, destination);
            String sha256 = PayloadHash.isSha256Hex(payloadHash) ? payloadHash : null;
            PayloadVerifier payload = new PayloadVerifier(checksum, contentLength, maxSize, contentMd5, sha256);
            return new UploadBody(payload, payload, checksum);
        }

        long decodedLength = decodedLength(header);
        if (decodedLength > maxSize) throw S3Error.ENTITY_TOO_LARGE.exception();
        // aws-chunked framing without a streaming mode in the signature: chunks carry no signatures.
        StreamingPayloadMode mode = streaming.orElse(StreamingPayloadMode.UNSIGNED_WITH_TRAILER);
        ChunkSignatureChain signatures = null;
        if (mode.signed()) {
            if (auth.seedSignature() == null || auth.scope() == null) {
                throw S3Error.INVALID_REQUEST.exception("Signed aws-chunked bodies need a SigV4 signature.");
            }
            signatures = new ChunkSignatureChain(auth.signingKey(), auth.amzDate(), auth.scope(), auth.seedSignature());
        }
        AtomicReference<AwsChunkedDecoder> decoder = new AtomicReference<>();
        ChecksumVerifier checksum = checksums.verifier(() -> decoder.get().trailers(), destination);
        PayloadVerifier payload = new PayloadVerifier(checksum, decodedLength, maxSize, contentMd5, null);
        decoder.set(new AwsChunkedDecoder(mode, signatures, decodedLength, payload));
        return new UploadBody(decoder.get(), payload, checksum);
    }

    /** Where the request body is written. */
    public BodySink sink() { return head; }

    /** Decoded length, MD5 and checksum: valid once the body has ended. */
    public long length() { return payload.length(); }

    public String md5Hex() { return payload.md5Hex(); }

    public ChecksumAlgorithm checksumAlgorithm() { return checksum.algorithm(); }

    public String checksum() { return checksum.checksum(); }

    /**
     * A body must announce its end: a Content-Length, or HTTP chunked transfer (an aws-chunked
     * body of unknown length comes that way). Otherwise {@code MissingContentLength}, as S3 answers.
     */
    public static void requireFraming(Function<String, String> header, long contentLength) {
        String transferEncoding = header.apply("Transfer-Encoding");
        boolean chunked = transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
        if (contentLength < 0 && !chunked) throw S3Error.MISSING_CONTENT_LENGTH.exception();
    }

    /**
     * The object's size when the request says it up front; -1 when only the end of the body
     * tells. A plain body is its Content-Length, whatever x-amz-decoded-content-length says.
     *
     * @param payloadHash the signed x-amz-content-sha256 ({@link AuthResult#payloadHash()})
     */
    public static long declaredObjectSize(Function<String, String> header, long contentLength, String payloadHash) {
        return isAwsChunked(header, payloadHash) ? decodedLength(header) : contentLength;
    }

    /**
     * The payload mode comes from x-amz-content-sha256 (a STREAMING-* value) or from
     * Content-Encoding: aws-chunked, never from x-amz-decoded-content-length alone: some
     * request builders send that header with a plain body (a hex SHA-256 or UNSIGNED-PAYLOAD),
     * which parsed as chunks would be refused, or stored wrong.
     */
    private static boolean isAwsChunked(Function<String, String> header, String payloadHash) {
        if (payloadHash != null && payloadHash.startsWith("STREAMING-")) return true;
        String encoding = header.apply("Content-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked");
    }

    private static long decodedLength(Function<String, String> header) {
        String value = header.apply(DECODED_LENGTH);
        if (value == null) return -1;
        try {
            long length = Long.parseLong(value.trim());
            if (length >= 0) return length;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw S3Error.INVALID_ARGUMENT.exception("x-amz-decoded-content-length must be a non-negative integer.");
    }
}
