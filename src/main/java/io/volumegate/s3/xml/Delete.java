package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

/**
 * DeleteObjects' request document. Quiet stays text so that a value other than true/false
 * is refused rather than read as false; unknown elements (directory buckets' ETag, Size,
 * LastModifiedTime conditions) are ignored by JAXB.
 */
@XmlRootElement(name = "Delete")
public class Delete {
    public String Quiet;
    @XmlElement(name = "Object")
    public List<ObjectIdentifier> objects = new ArrayList<>();
}
