package io.volumegate.s3.xml;

import io.volumegate.http.S3Error;
import io.volumegate.http.XmlCharacters;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Reads and writes S3's XML documents. One JAXBContext for the process (they are costly
 * to build and thread-safe). Requests are parsed through a StAX reader that refuses DTDs
 * and external entities, so an XML body can never make us read a file or a URL.
 */
public final class S3Xml {
    /** S3's namespace; request documents may also leave it out. */
    public static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private static final JAXBContext CONTEXT = create();
    private static final XMLInputFactory INPUT = safeInputFactory();

    public static final String CONTENT_TYPE = "application/xml";

    private S3Xml() {}

    public static byte[] write(Object document) {
        return write(document, CONTEXT);
    }

    /**
     * Writes a document of another JAXB context: one S3 writes in no namespace, which in the
     * shared context would cost every other document its default namespace.
     */
    public static byte[] write(Object document, JAXBContext context) {
        try {
            Marshaller marshaller = context.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
            marshaller.marshal(document, bytes);
            // JAXB writes control characters raw, which no XML parser takes: see XmlCharacters.
            return XmlCharacters.referenceUnwritable(bytes.toByteArray());
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses a request document. Anything but a well-formed document without a DOCTYPE is
     * MalformedXML; elements without a namespace count as S3's, because S3 accepts both and
     * some clients (s3cmd, hand-written scripts) leave the xmlns out.
     */
    public static <T> T read(byte[] body, Class<T> type) {
        return read(body, type, CONTEXT);
    }

    /** Parses a request document of another JAXB context ({@link #write(Object, JAXBContext)}), as safely. */
    public static <T> T read(byte[] body, Class<T> type, JAXBContext context) {
        try {
            XMLStreamReader reader = new StrictReader(INPUT.createXMLStreamReader(new ByteArrayInputStream(body)));
            return context.createUnmarshaller().unmarshal(reader, type).getValue();
        } catch (XMLStreamException | JAXBException | RuntimeException e) {
            // JAXB wraps reader failures in its own exceptions, and some parsers throw unchecked ones.
            throw S3Error.MALFORMED_XML.exception();
        }
    }

    private static JAXBContext create() {
        return context(ListAllMyBucketsResult.class, ListBucketResult.class, ListBucketResultV2.class,
                LocationConstraint.class, CreateBucketConfiguration.class, CopyObjectResult.class, CopyPartResult.class,
                Delete.class, DeleteResult.class, InitiateMultipartUploadResult.class, CompleteMultipartUpload.class,
                CompleteMultipartUploadResult.class, ListPartsResult.class, ListMultipartUploadsResult.class,
                ListVersionsResult.class, VersioningConfiguration.class, ObjectLockConfiguration.class, Retention.class,
                LegalHold.class, Tagging.class, CORSConfiguration.class, GetObjectAttributesResponse.class,
                PolicyStatus.class, PublicAccessBlockConfiguration.class, OwnershipControls.class);
    }

    /** A JAXB context of these document types, for a class's static initialiser: failing to build one is a bug. */
    public static JAXBContext context(Class<?>... types) {
        try {
            return JAXBContext.newInstance(types);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
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

    /**
     * The factory settings keep a parser from fetching anything, but how a parser then treats
     * a DOCTYPE or an entity it did not expand differs between StAX implementations (some
     * skip it silently, leaving an empty key). No S3 request has either, so refuse both
     * outright: the answer is MalformedXML whichever parser the container provides.
     */
    private static final class StrictReader extends StreamReaderDelegate {
        StrictReader(XMLStreamReader reader) throws XMLStreamException {
            super(reader);
            refuse(reader.getEventType());
        }

        @Override
        public int next() throws XMLStreamException {
            return refuse(super.next());
        }

        @Override
        public int nextTag() throws XMLStreamException {
            return refuse(super.nextTag());
        }

        private static int refuse(int event) throws XMLStreamException {
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE
                    || event == XMLStreamConstants.ENTITY_DECLARATION) {
                throw new XMLStreamException("DOCTYPEs and entity references are not accepted");
            }
            return event;
        }

        @Override
        public String getNamespaceURI() {
            String namespace = super.getNamespaceURI();
            return isElement() && (namespace == null || namespace.isEmpty()) ? S3Xml.NAMESPACE : namespace;
        }

        @Override
        public QName getName() {
            QName name = super.getName();
            return name.getNamespaceURI().isEmpty() ? new QName(S3Xml.NAMESPACE, name.getLocalPart(), name.getPrefix()) : name;
        }

        private boolean isElement() {
            int event = getEventType();
            return event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT;
        }
    }
}
