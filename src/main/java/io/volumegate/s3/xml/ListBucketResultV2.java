package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** ListObjectsV2 result: same element name as V1, continuation tokens instead of markers. */
@XmlRootElement(name = "ListBucketResult")
@XmlType(name = "ListBucketResultV2", propOrder = {"Name", "Prefix", "MaxKeys", "KeyCount", "Delimiter", "EncodingType", "IsTruncated",
        "ContinuationToken", "NextContinuationToken", "StartAfter", "contents", "commonPrefixes"})
public class ListBucketResultV2 {
    public String Name;
    public String Prefix;
    public int MaxKeys;
    public int KeyCount;
    public String Delimiter;
    public String EncodingType;
    public boolean IsTruncated;
    public String ContinuationToken;
    public String NextContinuationToken;
    public String StartAfter;
    @XmlElement(name = "Contents")
    public List<Contents> contents = new ArrayList<>();
    @XmlElement(name = "CommonPrefixes")
    public List<CommonPrefix> commonPrefixes = new ArrayList<>();
}
