package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** ListParts result: one page of an upload's staged parts, by part number. */
@XmlRootElement(name = "ListPartsResult")
@XmlType(propOrder = {"Bucket", "Key", "UploadId", "PartNumberMarker", "NextPartNumberMarker", "MaxParts", "IsTruncated",
        "parts", "Initiator", "Owner", "StorageClass", "ChecksumAlgorithm", "ChecksumType"})
public class ListPartsResult {
    public String Bucket;
    public String Key;
    public String UploadId;
    public int PartNumberMarker;
    public Integer NextPartNumberMarker;
    public int MaxParts;
    public boolean IsTruncated;
    @XmlElement(name = "Part")
    public List<Part> parts = new ArrayList<>();
    public Owner Initiator;
    public Owner Owner;
    public String StorageClass = "STANDARD";
    public String ChecksumAlgorithm;
    public String ChecksumType;

    @XmlType(name = "ListedPart", propOrder = {"PartNumber", "LastModified", "ETag", "Size", "ChecksumCRC32", "ChecksumCRC32C",
            "ChecksumCRC64NVME", "ChecksumSHA1", "ChecksumSHA256"})
    public static class Part implements PartChecksums {
        public int PartNumber;
        public String LastModified;
        public String ETag;
        public long Size;
        public String ChecksumCRC32;
        public String ChecksumCRC32C;
        public String ChecksumCRC64NVME;
        public String ChecksumSHA1;
        public String ChecksumSHA256;

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
}
