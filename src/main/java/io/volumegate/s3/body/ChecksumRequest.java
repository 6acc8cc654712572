package io.volumegate.s3.body;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which flexible checksum an upload computes and where the client's value for it comes
 * from, read from the request headers with S3's rules: at most one algorithm, named
 * consistently by x-amz-checksum-*, x-amz-trailer and x-amz-sdk-checksum-algorithm. An
 * upload that names none gets CRC64NVME, so every object has a checksum, as on S3.
 */
public final class ChecksumRequest {
    /** Where the client's value arrives. */
    public enum Source { HEADER, TRAILER, NONE }

    static final String TRAILER = "x-amz-trailer";
    static final String SDK_ALGORITHM = "x-amz-sdk-checksum-algorithm";
    private static final String CHECKSUM_PREFIX = "x-amz-checksum-";

    private final ChecksumAlgorithm algorithm;
    private final Source source;
    private final String headerValue;

    private ChecksumRequest(ChecksumAlgorithm algorithm, Source source, String headerValue) {
        this.algorithm = algorithm;
        this.source = source;
        this.headerValue = headerValue;
    }

    /**
     * @param header the request header of a name (any case of name the container accepts),
     *               or null when absent
     */
    public static ChecksumRequest from(Function<String, String> header) {
        return from(header, ChecksumAlgorithm.CRC64NVME);
    }

    /**
     * As {@link #from(Function)}, computing {@code fallback} when the client names no
     * algorithm: a part of a multipart upload gets the algorithm its upload was created with.
     */
    public static ChecksumRequest from(Function<String, String> header, ChecksumAlgorithm fallback) {
        ChecksumAlgorithm fromHeader = null;
        String headerValue = null;
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            String value = present(header.apply(ChecksumHeaders.of(algorithm)));
            if (value == null) continue;
            if (fromHeader != null) throw multipleChecksums();
            fromHeader = algorithm;
            headerValue = value;
        }
        ChecksumAlgorithm fromTrailer = declaredTrailer(present(header.apply(TRAILER)));
        if (fromHeader != null && fromTrailer != null) throw multipleChecksums();
        ChecksumAlgorithm named = fromHeader != null ? fromHeader : fromTrailer;

        String sdkName = present(header.apply(SDK_ALGORITHM));
        if (sdkName != null) {
            Optional<ChecksumAlgorithm> sdk = ChecksumAlgorithm.fromName(sdkName);
            if (sdk.isEmpty() || named != null && sdk.get() != named) {
                throw S3Error.INVALID_REQUEST.exception("Value for x-amz-sdk-checksum-algorithm header is invalid.");
            }
            if (named == null) {
                throw S3Error.INVALID_REQUEST.exception("x-amz-sdk-checksum-algorithm specified, but no corresponding "
                        + "x-amz-checksum-* or x-amz-trailer headers were found.");
            }
        }

        if (fromHeader != null) {
            ChecksumHeaders.decode(fromHeader, headerValue); // refuse a malformed value before reading any body
            return new ChecksumRequest(fromHeader, Source.HEADER, headerValue);
        }
        if (fromTrailer != null) return new ChecksumRequest(fromTrailer, Source.TRAILER, null);
        return new ChecksumRequest(fallback, Source.NONE, null);
    }

    /** The checksum to compute: the client's choice, or the fallback (CRC64NVME) when it made none. */
    public ChecksumAlgorithm algorithm() { return algorithm; }

    public Source source() { return source; }

    /** The base64 value from the x-amz-checksum-* header, or null unless the source is HEADER. */
    public String headerValue() { return headerValue; }

    /**
     * The pipeline stage that computes this checksum and checks the client's value.
     *
     * @param trailers the body's trailing headers by lower-case name, asked for once the body
     *                 has ended (an aws-chunked decoder's, or {@code Map::of} for a plain body).
     *                 A declared trailer that never arrives is accepted: the checksum is then
     *                 only computed. A checksum trailer that was not declared is refused.
     */
    public ChecksumVerifier verifier(Supplier<Map<String, String>> trailers, BodySink next) {
        return new ChecksumVerifier(algorithm, () -> expectedValue(trailers.get()), next);
    }

    private String expectedValue(Map<String, String> trailers) {
        for (String name : trailers.keySet()) {
            boolean declared = source == Source.TRAILER && name.equals(ChecksumHeaders.of(algorithm));
            if (name.startsWith(CHECKSUM_PREFIX) && !declared) {
                throw S3Error.MALFORMED_TRAILER_ERROR.exception("The trailer " + name + " was not declared in x-amz-trailer.");
            }
        }
        return source == Source.HEADER ? headerValue : trailers.get(ChecksumHeaders.of(algorithm));
    }

    /** The one checksum x-amz-trailer announces, or null when it announces none. */
    private static ChecksumAlgorithm declaredTrailer(String trailerHeader) {
        if (trailerHeader == null) return null;
        ChecksumAlgorithm declared = null;
        for (String name : trailerHeader.split(",")) {
            if (name.isBlank()) continue;
            ChecksumAlgorithm algorithm = ChecksumHeaders.algorithmOf(name)
                    .orElseThrow(() -> S3Error.INVALID_REQUEST.exception(
                            "The value specified in the x-amz-trailer header is not supported"));
            if (declared != null) throw multipleChecksums();
            declared = algorithm;
        }
        return declared;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static S3Exception multipleChecksums() {
        return S3Error.INVALID_REQUEST.exception(
                "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }
}
