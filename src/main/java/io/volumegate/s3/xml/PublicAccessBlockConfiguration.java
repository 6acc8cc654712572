package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * Put/GetPublicAccessBlock's document. The switches are kept as text, so a value that is no
 * xs:boolean is MalformedXML instead of a silent false; an absent switch is off.
 */
@XmlRootElement(name = "PublicAccessBlockConfiguration")
@XmlType(propOrder = {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"})
public class PublicAccessBlockConfiguration {
    public String BlockPublicAcls;
    public String IgnorePublicAcls;
    public String BlockPublicPolicy;
    public String RestrictPublicBuckets;
}
