package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** Put/GetBucketCors's document: the bucket's CORS rules in order. */
@XmlRootElement(name = "CORSConfiguration")
public class CORSConfiguration {
    @XmlElement(name = "CORSRule")
    public List<CORSRule> rules = new ArrayList<>();

    @XmlType(propOrder = {"ID", "AllowedHeaders", "AllowedMethods", "AllowedOrigins", "ExposeHeaders", "MaxAgeSeconds"})
    public static class CORSRule {
        public String ID;
        @XmlElement(name = "AllowedHeader")
        public List<String> AllowedHeaders = new ArrayList<>();
        @XmlElement(name = "AllowedMethod")
        public List<String> AllowedMethods = new ArrayList<>();
        @XmlElement(name = "AllowedOrigin")
        public List<String> AllowedOrigins = new ArrayList<>();
        @XmlElement(name = "ExposeHeader")
        public List<String> ExposeHeaders = new ArrayList<>();
        /** Kept as text: a value that is no number is MalformedXML, not a JAXB default. */
        public String MaxAgeSeconds;
    }
}
