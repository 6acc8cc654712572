package io.volumegate.s3.post;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/**
 * POST Object's answer to a form whose {@code success_action_status} is 201. Unlike S3's
 * other documents it is in no namespace, as S3 writes it (pages read it with plain
 * {@code getElementsByTagName}): so it lives outside {@code s3.xml}, whose package puts
 * every document in S3's namespace, and has a JAXB context of its own
 * ({@link #CONTEXT}), which keeps that namespace the default one of all the others.
 */
@XmlRootElement(name = "PostResponse")
@XmlType(propOrder = {"Location", "Bucket", "Key", "ETag"})
@XmlAccessorType(XmlAccessType.FIELD)
public class PostResponse {
    static final JAXBContext CONTEXT = context();

    public String Location;
    public String Bucket;
    public String Key;
    public String ETag;

    private static JAXBContext context() {
        try {
            return JAXBContext.newInstance(PostResponse.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
