package io.volumegate.http;

import java.io.StringWriter;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Renders an {@link S3Exception} as the S3 error document; text XML cannot carry (an echoed
 * query value) is replaced, see {@link XmlCharacters}.
 */
final class ErrorDocument {
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private ErrorDocument() {}

    static String render(S3Exception error, String resource, String requestId) {
        StringWriter text = new StringWriter(256);
        try {
            XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("Error");
            element(xml, "Code", error.error().code());
            element(xml, "Message", error.getMessage());
            for (Map.Entry<String, String> detail : error.details().entrySet()) {
                element(xml, detail.getKey(), detail.getValue());
            }
            element(xml, "Resource", resource);
            element(xml, "RequestId", requestId);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render error document", e);
        }
        return text.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value == null ? "" : XmlCharacters.replaceUnwritable(value));
        xml.writeEndElement();
    }
}
