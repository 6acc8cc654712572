package io.volumegate.s3.xml;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/**
 * Get/Put Bucket and Object ACL's document: the resource's owner and its grants. It has a
 * JAXB context of its own ({@link #CONTEXT}): its grantees carry {@code xsi:type}, and in the
 * shared context that namespace would be declared on every other document too.
 */
@XmlRootElement(name = "AccessControlPolicy")
@XmlType(propOrder = {"Owner", "AccessControlList"})
public class AccessControlPolicy {
    /** XML Schema's instance namespace, where a grantee's {@code xsi:type} lives. */
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final JAXBContext CONTEXT = S3Xml.context(AccessControlPolicy.class);

    public Owner Owner;
    /** A list only so that a document with two of them can be refused: S3 answers MalformedACLError. */
    @XmlElement(name = "AccessControlList")
    public List<GrantList> AccessControlList = new ArrayList<>();

    @XmlType(name = "AccessControlList")
    public static class GrantList {
        @XmlElement(name = "Grant")
        public List<Grant> Grant = new ArrayList<>();
    }

    @XmlType(name = "Grant", propOrder = {"Grantee", "Permission"})
    public static class Grant {
        public Grantee Grantee;
        public String Permission;
    }

    /**
     * A grantee as S3 writes it: {@code xsi:type} CanonicalUser (ID, DisplayName), Group (URI)
     * or AmazonCustomerByEmail (EmailAddress). The type is kept as plain text rather than as
     * JAXB subclasses: clients that leave S3's namespace out would otherwise name a type JAXB
     * cannot resolve and lose the grantee's elements with it.
     */
    @XmlType(name = "Grantee", propOrder = {"ID", "DisplayName", "EmailAddress", "URI"})
    public static class Grantee {
        @XmlAttribute(name = "type", namespace = XSI)
        public String type;
        public String ID;
        public String DisplayName;
        public String EmailAddress;
        public String URI;
    }
}
