package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlTransient;

/**
 * The five Checksum* elements S3 puts on parts, objects and multipart results, set by algorithm
 * name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), since the operations hold checksums by name.
 * Transient to JAXB: each document places the elements itself, in its own propOrder.
 */
@XmlTransient
public abstract class ChecksumElements {
    public String ChecksumCRC32;
    public String ChecksumCRC32C;
    public String ChecksumCRC64NVME;
    public String ChecksumSHA1;
    public String ChecksumSHA256;

    public void checksum(String algorithm, String value) {
        switch (algorithm) {
            case "CRC32" -> ChecksumCRC32 = value;
            case "CRC32C" -> ChecksumCRC32C = value;
            case "CRC64NVME" -> ChecksumCRC64NVME = value;
            case "SHA1" -> ChecksumSHA1 = value;
            case "SHA256" -> ChecksumSHA256 = value;
            default -> throw new IllegalArgumentException("no Checksum element for " + algorithm);
        }
    }
}
