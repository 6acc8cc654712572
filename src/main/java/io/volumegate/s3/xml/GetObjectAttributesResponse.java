package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** GetObjectAttributes' answer: only the attributes asked for are set. */
@XmlRootElement(name = "GetObjectAttributesResponse")
@XmlType(propOrder = {"ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"})
public class GetObjectAttributesResponse {
    /** Without quotes, as S3 writes it here. */
    public String ETag;
    public Checksum Checksum;
    public ObjectParts ObjectParts;
    public String StorageClass;
    public Long ObjectSize;

    @XmlType(name = "ObjectChecksum", propOrder = {"ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1",
            "ChecksumSHA256", "ChecksumType"})
    public static class Checksum extends ChecksumElements {
        public String ChecksumType;
    }

    @XmlType(propOrder = {"PartsCount", "PartNumberMarker", "NextPartNumberMarker", "MaxParts", "IsTruncated", "parts"})
    public static class ObjectParts {
        public int PartsCount;
        public int PartNumberMarker;
        public Integer NextPartNumberMarker;
        public int MaxParts;
        public boolean IsTruncated;
        @XmlElement(name = "Part")
        public List<Part> parts = new ArrayList<>();
    }

    @XmlType(name = "ObjectPart", propOrder = {"PartNumber", "Size", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME",
            "ChecksumSHA1", "ChecksumSHA256"})
    public static class Part extends ChecksumElements {
        public int PartNumber;
        public long Size;
    }
}
