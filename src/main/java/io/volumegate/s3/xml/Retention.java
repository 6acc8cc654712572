package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Put/GetObjectRetention's document. */
@XmlRootElement(name = "Retention")
@XmlType(propOrder = {"Mode", "RetainUntilDate"})
public class Retention {
    /** GOVERNANCE or COMPLIANCE. */
    public String Mode;
    /** ISO 8601. */
    public String RetainUntilDate;
}
