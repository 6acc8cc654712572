package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** CompleteMultipartUpload's answer: the new object, its ETag and its checksum. */
@XmlRootElement(name = "CompleteMultipartUploadResult")
@XmlType(propOrder = {"Location", "Bucket", "Key", "ETag", "ChecksumCRC32", "ChecksumCRC32C", "ChecksumCRC64NVME",
        "ChecksumSHA1", "ChecksumSHA256", "ChecksumType"})
public class CompleteMultipartUploadResult extends ChecksumElements {
    public String Location;
    public String Bucket;
    public String Key;
    public String ETag;
    public String ChecksumType;
}
