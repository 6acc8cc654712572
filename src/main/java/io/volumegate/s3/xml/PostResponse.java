package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * POST Object's answer to a form whose {@code success_action_status} is 201. Unlike S3's
 * other documents it is in no namespace, as S3 writes it (pages read it with plain
 * {@code getElementsByTagName}).
 */
@XmlRootElement(name = "PostResponse", namespace = "")
@XmlType(namespace = "", propOrder = {"Location", "Bucket", "Key", "ETag"})
public class PostResponse {
    @XmlElement(name = "Location", namespace = "")
    public String Location;
    @XmlElement(name = "Bucket", namespace = "")
    public String Bucket;
    @XmlElement(name = "Key", namespace = "")
    public String Key;
    @XmlElement(name = "ETag", namespace = "")
    public String ETag;
}
