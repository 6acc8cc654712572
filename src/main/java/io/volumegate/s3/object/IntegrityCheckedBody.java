package io.volumegate.s3.object;

import io.volumegate.http.BodyReader;
import io.volumegate.http.Exchange;
import io.volumegate.http.S3Error;
import io.volumegate.http.SmallBody;
import io.volumegate.s3.S3Request;
import io.volumegate.s3.body.ChecksumRequest;
import io.volumegate.s3.body.UploadBody;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A small request body (an XML document) of an operation where S3 REQUIRES an integrity
 * check: DeleteObjects, PutBucketCors, PutBucketTagging... It travels the same
 * pipeline as an upload (aws-chunked decoding, x-amz-content-sha256, Content-MD5,
 * x-amz-checksum-*) into memory, so the document is parsed only once every digest the
 * client sent has held.
 *
 * <p>S3 used to demand Content-MD5; since 2025 the SDKs send a flexible checksum instead
 * (x-amz-checksum-crc32, -crc64nvme, ...), which S3 accepts in its place. Either is enough.
 */
public final class IntegrityCheckedBody {
    private IntegrityCheckedBody() {}

    /**
     * Refuses, from the headers alone, a request that carries no digest of its body.
     *
     * @throws io.volumegate.http.S3Exception 400 InvalidRequest when there is neither a
     *         Content-MD5 nor an x-amz-checksum-* (as a header or as a declared trailer);
     *         InvalidRequest / InvalidDigest for a malformed one
     */
    public static void requireDigest(Function<String, String> header) {
        boolean checksum = ChecksumRequest.from(header).source() != ChecksumRequest.Source.NONE;
        String contentMd5 = header.apply("Content-MD5");
        if (!checksum && (contentMd5 == null || contentMd5.isBlank())) {
            throw S3Error.INVALID_REQUEST.exception("Missing required header for this request: Content-MD5")
                    .with("ArgumentName", "Content-MD5");
        }
    }

    /**
     * Reads the body, at most {@code limit} bytes (MalformedXML beyond, as S3 answers an
     * oversized document), verifying it on the way. The future fails with BadDigest,
     * XAmzContentSHA256Mismatch, ... when a digest does not hold.
     */
    public static CompletableFuture<byte[]> read(Exchange exchange, S3Request request, int limit) throws IOException {
        requireDigest(exchange.request()::getHeader);
        return readVerifyingAnyDigest(exchange, request, limit);
    }

    /**
     * {@link #read} for an operation where the digest is optional (PutObjectTagging): what the
     * client sent is verified all the same.
     */
    public static CompletableFuture<byte[]> readVerifyingAnyDigest(Exchange exchange, S3Request request, int limit) throws IOException {
        HttpServletRequest http = exchange.request();
        long contentLength = http.getContentLengthLong();
        if (UploadBody.declaredObjectSize(http::getHeader, contentLength, request.auth().payloadHash()) > limit) {
            throw S3Error.MALFORMED_XML.exception("The XML document is larger than this request allows.");
        }
        SmallBody document = SmallBody.limitedTo(limit);
        // No size limit in the pipeline itself: the document sink enforces its own, with its own error.
        UploadBody body = UploadBody.assemble(http::getHeader, contentLength, Long.MAX_VALUE, request.auth(), document);
        return BodyReader.read(http, body.sink()).thenApply(done -> {
            exchange.bodyConsumed();
            return document.bytes();
        });
    }
}
