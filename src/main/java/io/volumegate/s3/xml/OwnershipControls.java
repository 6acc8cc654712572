package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

import java.util.ArrayList;
import java.util.List;

/** Put/GetBucketOwnershipControls's document: one Rule naming the ObjectOwnership. */
@XmlRootElement(name = "OwnershipControls")
public class OwnershipControls {
    @XmlElement(name = "Rule")
    public List<Rule> Rules = new ArrayList<>();

    @XmlType(name = "OwnershipControlsRule")
    public static class Rule {
        public String ObjectOwnership;

        public Rule() {}

        public Rule(String objectOwnership) {
            ObjectOwnership = objectOwnership;
        }
    }
}
