package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Put/GetBucketVersioning's document; both elements absent for a bucket that was never versioned. */
@XmlRootElement(name = "VersioningConfiguration")
@XmlType(propOrder = {"Status", "MfaDelete"})
public class VersioningConfiguration {
    /** Enabled or Suspended. */
    public String Status;
    /** Enabled or Disabled. */
    public String MfaDelete;
}
