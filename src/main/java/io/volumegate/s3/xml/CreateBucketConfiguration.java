package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;

@XmlRootElement(name = "CreateBucketConfiguration")
public class CreateBucketConfiguration {
    public String LocationConstraint;
}
