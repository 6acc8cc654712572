package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** ListBuckets result; ContinuationToken (for the next page) and Prefix only when they apply. */
@XmlRootElement(name = "ListAllMyBucketsResult")
@XmlType(propOrder = {"Owner", "buckets", "ContinuationToken", "Prefix"})
public class ListAllMyBucketsResult {
    public Owner Owner;

    @XmlElementWrapper(name = "Buckets")
    @XmlElement(name = "Bucket")
    public List<BucketEntry> buckets = new ArrayList<>();

    public String ContinuationToken;
    public String Prefix;

    public static class BucketEntry {
        public String Name;
        public String CreationDate;
        public String BucketRegion;

        public BucketEntry() {}

        public BucketEntry(String name, String creationDate, String region) {
            this.Name = name;
            this.CreationDate = creationDate;
            this.BucketRegion = region;
        }
    }
}
