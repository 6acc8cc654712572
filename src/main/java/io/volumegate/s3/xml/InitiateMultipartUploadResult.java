package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** CreateMultipartUpload's answer: the upload id every later step names. */
@XmlRootElement(name = "InitiateMultipartUploadResult")
@XmlType(propOrder = {"Bucket", "Key", "UploadId"})
public class InitiateMultipartUploadResult {
    public String Bucket;
    public String Key;
    public String UploadId;
}
