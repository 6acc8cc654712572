package io.volumegate.s3.xml;

public class CommonPrefix {
    public String Prefix;

    public CommonPrefix() {}

    public CommonPrefix(String prefix) { this.Prefix = prefix; }
}
