package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** CompleteMultipartUpload's answer: the new object, its ETag and its checksum. */
@XmlRootElement(name = "CompleteMultipartUploadResult")
@XmlType(propOrder = {"Location", "Bucket", "Key", "ETag", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME",
        "ChecksumSHA1", "ChecksumSHA256", "ChecksumType"})
public class CompleteMultipartUploadResult implements PartChecksums {
    public String Location;
    public String Bucket;
    public String Key;
    public String ETag;
    public String ChecksumCRC32;
    public String ChecksumCRC32C;
    public String ChecksumCRC64NVME;
    public String ChecksumSHA1;
    public String ChecksumSHA256;
    public String ChecksumType;

    @Override
    public void checksum(String algorithm, String value) {
        switch (algorithm) {
            case "CRC32" -> ChecksumCRC32 = value;
            case "CRC32C" -> ChecksumCRC32C = value;
            case "CRC64NVME" -> ChecksumCRC64NVME = value;
            case "SHA1" -> ChecksumSHA1 = value;
            case "SHA256" -> ChecksumSHA256 = value;
            default -> throw PartChecksums.unknown(algorithm);
        }
    }
}
