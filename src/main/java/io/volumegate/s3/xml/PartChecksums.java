package io.volumegate.s3.xml;

/**
 * The five Checksum* elements S3 puts on parts and multipart results, set by algorithm name
 * (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), since the operations hold checksums by name.
 */
interface PartChecksums {
    void checksum(String algorithm, String value);

    static IllegalArgumentException unknown(String algorithm) {
        return new IllegalArgumentException("no Checksum element for " + algorithm);
    }
}
