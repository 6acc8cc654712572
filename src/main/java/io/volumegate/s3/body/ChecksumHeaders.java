package io.volumegate.s3.body;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.http.S3Error;

import java.util.Locale;
import java.util.Optional;

/**
 * How S3 names checksums on the wire: each travels as {@code x-amz-checksum-<name>} (a
 * header, or a trailer of an aws-chunked body), its type as {@code x-amz-checksum-type}.
 */
public final class ChecksumHeaders {
    private static final String PREFIX = "x-amz-checksum-";

    private ChecksumHeaders() {}

    /** The header (or trailer) carrying this checksum, e.g. {@code x-amz-checksum-crc32c}. */
    public static String of(ChecksumAlgorithm algorithm) {
        return PREFIX + algorithm.name().toLowerCase(Locale.ROOT);
    }

    /** The algorithm whose header (or trailer) this is, in any case. */
    public static Optional<ChecksumAlgorithm> algorithmOf(String headerName) {
        String name = headerName.strip().toLowerCase(Locale.ROOT);
        return name.startsWith(PREFIX) ? ChecksumAlgorithm.fromName(name.substring(PREFIX.length())) : Optional.empty();
    }

    /** A value the client sent; InvalidRequest, as S3 answers, unless it is canonical base64 of the right length. */
    public static byte[] decode(ChecksumAlgorithm algorithm, String base64) {
        try {
            return algorithm.decode(base64);
        } catch (IllegalArgumentException e) {
            throw S3Error.INVALID_REQUEST.exception("Value for " + of(algorithm) + " header is invalid.");
        }
    }

    /** The x-amz-checksum-type header's value, in any case; InvalidRequest when unknown. */
    public static ChecksumType type(String value) {
        return ChecksumType.fromName(value)
                .orElseThrow(() -> S3Error.INVALID_REQUEST.exception("Value for x-amz-checksum-type header is invalid."));
    }
}
