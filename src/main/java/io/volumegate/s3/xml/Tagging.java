package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlElementWrapper;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.List;

/** Put/GetObjectTagging's and Put/GetBucketTagging's document (and POST Object's {@code tagging} field). */
@XmlRootElement(name = "Tagging")
public class Tagging {
    /** Null when the document has no TagSet, which S3 refuses as MalformedXML. */
    @XmlElementWrapper(name = "TagSet")
    @XmlElement(name = "Tag")
    public List<Tag> TagSet;

    @XmlType(propOrder = {"Key", "Value"})
    public static class Tag {
        public String Key;
        public String Value;

        public Tag() {}

        public Tag(String key, String value) {
            Key = key;
            Value = value;
        }
    }
}
