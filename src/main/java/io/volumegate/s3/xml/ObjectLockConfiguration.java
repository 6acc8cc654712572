package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** Put/GetObjectLockConfiguration's document: lock on, and an optional default retention of days or years. */
@XmlRootElement(name = "ObjectLockConfiguration")
@XmlType(propOrder = {"ObjectLockEnabled", "Rule"})
public class ObjectLockConfiguration {
    public String ObjectLockEnabled;
    public Rule Rule;

    @XmlType(name = "ObjectLockRule")
    public static class Rule {
        public DefaultRetention DefaultRetention;
    }

    @XmlType(name = "DefaultRetention", propOrder = {"Mode", "Days", "Years"})
    public static class DefaultRetention {
        public String Mode;
        public Integer Days;
        public Integer Years;
    }
}
