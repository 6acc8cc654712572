package io.volumegate.s3.xml;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

/** The CompleteMultipartUpload request body: the parts that make the object, in order. */
@XmlRootElement(name = "CompleteMultipartUpload")
public class CompleteMultipartUpload {
    @XmlElement(name = "Part")
    public List<CompletedPart> parts = new ArrayList<>();
}
