package io.volumegate.s3.xml;

/** One object in a listing. */
public class Contents {
    public String Key;
    public String LastModified;
    public String ETag;
    public long Size;
    public Owner Owner;
    public String StorageClass = "STANDARD";
}
