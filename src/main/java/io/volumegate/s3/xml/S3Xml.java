package io.volumegate.s3.xml;

import io.volumegate.http.S3Error;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.UnmarshalException;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

/**
 * Reads and writes S3's XML documents. One JAXBContext for the process (they are costly
 * to build and thread-safe). Requests are parsed through a StAX reader that refuses DTDs
 * and external entities, so an XML body can never make us read a file or a URL.
 */
public final class S3Xml {
    private static final JAXBContext CONTEXT = create();
    private static final XMLInputFactory INPUT = safeInputFactory();

    public static final String CONTENT_TYPE = "application/xml";

    private S3Xml() {}

    public static byte[] write(Object document) {
        try {
            Marshaller marshaller = CONTEXT.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            marshaller.marshal(document, bytes);
            return bytes.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(byte[] body, Class<T> type) {
        try {
            XMLStreamReader reader = new S3NamespaceByDefault(INPUT.createXMLStreamReader(new ByteArrayInputStream(body)));
            return CONTEXT.createUnmarshaller().unmarshal(reader, type).getValue();
        } catch (UnmarshalException | XMLStreamException e) {
            throw S3Error.MALFORMED_XML.exception();
        } catch (JAXBException e) {
            throw S3Error.MALFORMED_XML.exception();
        }
    }

    private static JAXBContext create() {
        try {
            return JAXBContext.newInstance(ListAllMyBucketsResult.class, ListBucketResult.class, ListBucketResultV2.class,
                    LocationConstraint.class, CreateBucketConfiguration.class, InitiateMultipartUploadResult.class,
                    CompleteMultipartUpload.class, CompleteMultipartUploadResult.class, ListPartsResult.class,
                    ListMultipartUploadsResult.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * How request bodies are read: elements without a namespace as if they were in S3's (S3
     * accepts bodies with or without {@code xmlns}, and hand-written clients omit it), and a
     * document type declaration or entity reference refuses the document outright. The
     * factory already never resolves them; refusing them says so instead of reading
     * {@code &entity;} as an empty value.
     */
    private static final class S3NamespaceByDefault extends StreamReaderDelegate {
        private static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

        S3NamespaceByDefault(XMLStreamReader reader) {
            super(reader);
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == DTD || event == ENTITY_REFERENCE) throw new XMLStreamException("DTDs and entities are not accepted");
            return event;
        }

        @Override
        public String getNamespaceURI() {
            String namespace = super.getNamespaceURI();
            return (namespace == null || namespace.isEmpty()) && isElement() ? S3_NAMESPACE : namespace;
        }

        @Override
        public QName getName() {
            QName name = super.getName();
            return name.getNamespaceURI().isEmpty() ? new QName(S3_NAMESPACE, name.getLocalPart(), name.getPrefix()) : name;
        }

        private boolean isElement() {
            return isStartElement() || isEndElement();
        }
    }

    private static XMLInputFactory safeInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException ignored) {
            // Not every StAX implementation knows this property; SUPPORT_DTD=false already refuses DTDs.
        }
        return factory;
    }
}
