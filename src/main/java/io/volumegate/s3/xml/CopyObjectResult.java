package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * CopyObject's answer. Checksum elements are null (left out) unless the copy has that
 * checksum; ChecksumType is FULL_OBJECT whenever one is present, since a copy is one piece.
 */
@XmlRootElement(name = "CopyObjectResult")
@XmlType(propOrder = {"ETag", "LastModified", "ChecksumType", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME",
        "ChecksumSHA1", "ChecksumSHA256"})
public class CopyObjectResult {
    public String ETag;
    public String LastModified;
    public String ChecksumType;
    public String ChecksumCRC32;
    public String ChecksumCRC32C;
    public String ChecksumCRC64NVME;
    public String ChecksumSHA1;
    public String ChecksumSHA256;
}
