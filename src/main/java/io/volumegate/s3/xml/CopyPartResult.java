package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * UploadPartCopy's answer. Unlike CopyObjectResult there is no ChecksumType: a part's
 * checksum is always the checksum of the part's own bytes. Checksum elements are null (left
 * out) except the upload's algorithm.
 */
@XmlRootElement(name = "CopyPartResult")
@XmlType(propOrder = {"ETag", "LastModified", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME", "ChecksumSHA1",
        "ChecksumSHA256"})
public class CopyPartResult {
    public String ETag;
    public String LastModified;
    public String ChecksumCRC32;
    public String ChecksumCRC32C;
    public String ChecksumCRC64NVME;
    public String ChecksumSHA1;
    public String ChecksumSHA256;
}
