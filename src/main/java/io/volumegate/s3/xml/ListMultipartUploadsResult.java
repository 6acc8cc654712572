package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** ListMultipartUploads result: uploads in progress by key, then by initiation. */
@XmlRootElement(name = "ListMultipartUploadsResult")
@XmlType(propOrder = {"Bucket", "KeyMarker", "UploadIdMarker", "NextKeyMarker", "NextUploadIdMarker", "Delimiter", "Prefix",
        "MaxUploads", "IsTruncated", "uploads", "commonPrefixes", "EncodingType"})
public class ListMultipartUploadsResult {
    public String Bucket;
    public String KeyMarker = "";
    public String UploadIdMarker = "";
    public String NextKeyMarker;
    public String NextUploadIdMarker;
    public String Delimiter;
    public String Prefix;
    public int MaxUploads;
    public boolean IsTruncated;
    @XmlElement(name = "Upload")
    public List<Upload> uploads = new ArrayList<>();
    @XmlElement(name = "CommonPrefixes")
    public List<CommonPrefix> commonPrefixes = new ArrayList<>();
    public String EncodingType;

    @XmlType(name = "ListedUpload", propOrder = {"Key", "UploadId", "Initiator", "Owner", "StorageClass", "Initiated",
            "ChecksumAlgorithm", "ChecksumType"})
    public static class Upload {
        public String Key;
        public String UploadId;
        public Owner Initiator;
        public Owner Owner;
        public String StorageClass = "STANDARD";
        public String Initiated;
        public String ChecksumAlgorithm;
        public String ChecksumType;
    }
}
