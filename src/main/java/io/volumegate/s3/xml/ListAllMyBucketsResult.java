package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

@XmlRootElement(name = "ListAllMyBucketsResult")
public class ListAllMyBucketsResult {
    public Owner Owner;

    @XmlElementWrapper(name = "Buckets")
    @XmlElement(name = "Bucket")
    public List<BucketEntry> buckets = new ArrayList<>();

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
