package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;

/** GetBucketPolicyStatus's answer. */
@XmlRootElement(name = "PolicyStatus")
public class PolicyStatus {
    public boolean IsPublic;

    public PolicyStatus() {}

    public PolicyStatus(boolean isPublic) {
        IsPublic = isPublic;
    }
}
