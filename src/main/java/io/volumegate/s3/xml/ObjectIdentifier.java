package io.volumegate.s3.xml;

/** One key of a DeleteObjects request; Key null when the element is missing, "" when empty. */
public class ObjectIdentifier {
    public String Key;
    public String VersionId;
}
