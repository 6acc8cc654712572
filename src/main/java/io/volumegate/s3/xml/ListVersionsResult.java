package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElements;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** ListObjectVersions' answer: versions and delete markers interleaved in listing order, as S3 sends them. */
@XmlRootElement(name = "ListVersionsResult")
@XmlType(propOrder = {"IsTruncated", "KeyMarker", "VersionIdMarker", "NextKeyMarker", "NextVersionIdMarker", "entries",
        "Name", "Prefix", "Delimiter", "MaxKeys", "commonPrefixes", "EncodingType"})
public class ListVersionsResult {
    public boolean IsTruncated;
    public String KeyMarker;
    public String VersionIdMarker;
    public String NextKeyMarker;
    public String NextVersionIdMarker;
    @XmlElements({@XmlElement(name = "Version", type = Version.class), @XmlElement(name = "DeleteMarker", type = DeleteMarker.class)})
    public List<Object> entries = new ArrayList<>();
    public String Name;
    public String Prefix;
    public String Delimiter;
    public int MaxKeys;
    @XmlElement(name = "CommonPrefixes")
    public List<CommonPrefix> commonPrefixes = new ArrayList<>();
    public String EncodingType;

    @XmlType(name = "ObjectVersion", propOrder = {"Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "Owner", "StorageClass"})
    public static class Version {
        public String Key;
        public String VersionId;
        public boolean IsLatest;
        public String LastModified;
        public String ETag;
        public long Size;
        public Owner Owner;
        public String StorageClass = "STANDARD";
    }

    @XmlType(name = "DeleteMarkerEntry", propOrder = {"Key", "VersionId", "IsLatest", "LastModified", "Owner"})
    public static class DeleteMarker {
        public String Key;
        public String VersionId;
        public boolean IsLatest;
        public String LastModified;
        public Owner Owner;
    }
}
