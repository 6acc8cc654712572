package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;

/** Put/GetObjectLegalHold's document. */
@XmlRootElement(name = "LegalHold")
public class LegalHold {
    /** ON or OFF. */
    public String Status;
}
