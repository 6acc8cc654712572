package io.volumegate.s3.multipart;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.ChecksumType;
import io.volumegate.http.S3Error;
import io.volumegate.s3.body.ChecksumHeaders;

import java.util.Locale;
import java.util.function.Function;

/**
 * The checksum a multipart upload's parts carry and how the object's checksum derives from
 * them, from CreateMultipartUpload's x-amz-checksum-algorithm and x-amz-checksum-type with
 * S3's rules. Without an algorithm, S3 (and we) use CRC64NVME over the full object.
 *
 * @param requested whether the client named the algorithm; S3 then holds every part to it
 */
record UploadChecksumChoice(ChecksumAlgorithm algorithm, ChecksumType type, boolean requested) {
    static final String ALGORITHM_HEADER = "x-amz-checksum-algorithm";
    static final String TYPE_HEADER = "x-amz-checksum-type";

    static UploadChecksumChoice from(Function<String, String> header) {
        String algorithmName = present(header.apply(ALGORITHM_HEADER));
        String typeName = present(header.apply(TYPE_HEADER));
        if (algorithmName == null) {
            if (typeName != null) {
                throw S3Error.INVALID_REQUEST.exception("The x-amz-checksum-type header can only be used with the "
                        + "x-amz-checksum-algorithm header.");
            }
            return new UploadChecksumChoice(ChecksumAlgorithm.CRC64NVME, ChecksumType.FULL_OBJECT, false);
        }
        ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromName(algorithmName).orElseThrow(() ->
                S3Error.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported. Please try again with any of "
                        + "the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]"));
        ChecksumType type = typeName == null ? ChecksumType.defaultFor(algorithm) : ChecksumHeaders.type(typeName);
        if (!type.allows(algorithm)) {
            throw S3Error.INVALID_REQUEST.exception("The " + type + " checksum type cannot be used with the "
                    + algorithm.name().toLowerCase(Locale.ROOT) + " checksum algorithm.");
        }
        return new UploadChecksumChoice(algorithm, type, true);
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
