package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlValue;

/** GetBucketLocation: empty for us-east-1, as S3 answers. */
@XmlRootElement(name = "LocationConstraint")
public class LocationConstraint {
    @XmlValue
    public String region;

    public LocationConstraint() {}

    public LocationConstraint(String region) { this.region = region; }
}
