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
    public static class Part extends ChecksumElements {
        public int PartNumber;
        public String LastModified;
        public String ETag;
        public long Size;
    }
}
