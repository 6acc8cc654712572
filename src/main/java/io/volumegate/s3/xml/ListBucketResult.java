package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** ListObjects (V1) result; V1-only fields are Marker and NextMarker. */
@XmlRootElement(name = "ListBucketResult")
@XmlType(propOrder = {"Name", "Prefix", "Marker", "NextMarker", "MaxKeys", "Delimiter", "EncodingType", "IsTruncated", "contents", "commonPrefixes"})
public class ListBucketResult {
    public String Name;
    public String Prefix;
    public String Marker;
    public String NextMarker;
    public int MaxKeys;
    public String Delimiter;
    public String EncodingType;
    public boolean IsTruncated;
    @XmlElement(name = "Contents")
    public List<Contents> contents = new ArrayList<>();
    @XmlElement(name = "CommonPrefixes")
    public List<CommonPrefix> commonPrefixes = new ArrayList<>();
}
