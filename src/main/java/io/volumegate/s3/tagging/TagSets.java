package io.volumegate.s3.tagging;

import io.volumegate.http.PercentDecoding;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import io.volumegate.s3.xml.S3Xml;
import io.volumegate.s3.xml.Tagging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * S3's rules for a tag set, in both of its spellings: the {@code x-amz-tagging} header
 * ({@code k1=v1&k2=v2}, URL-encoded) of PutObject, CreateMultipartUpload and CopyObject, and the
 * {@code Tagging} document of the tagging operations and of POST Object's {@code tagging} field.
 * At most 10 tags on an object (50 on a bucket), keys of 1 to 128 and values of up to 256
 * Unicode characters, of letters, numbers, spaces and {@code _ . : / = + - @}, no key twice,
 * none in the reserved {@code aws:} namespace. The answer keeps tags sorted by key, as S3 lists them.
 */
public final class TagSets {
    public static final String HEADER = "x-amz-tagging";
    public static final String COUNT_HEADER = "x-amz-tagging-count";
    public static final int MAX_OBJECT_TAGS = 10;
    public static final int MAX_BUCKET_TAGS = 50;
    private static final int MAX_KEY_CHARACTERS = 128;
    private static final int MAX_VALUE_CHARACTERS = 256;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagSets() {}

    /** The tags of an {@code x-amz-tagging} header, checked as an object's; empty when there is no header. */
    public static Map<String, String> fromHeader(String header) {
        if (header == null || header.isEmpty()) return Map.of();
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key;
            String value;
            try {
                key = PercentDecoding.query(eq < 0 ? pair : pair.substring(0, eq));
                value = eq < 0 ? "" : PercentDecoding.query(pair.substring(eq + 1));
            } catch (S3Exception badEncoding) {
                throw invalidHeader(header);
            }
            if (!seen.add(key)) throw invalidHeader(header);
            tags.add(Map.entry(key, value));
        }
        return check(tags, MAX_OBJECT_TAGS);
    }

    /** The tags of a Tagging document, checked for an object ({@link #MAX_OBJECT_TAGS}) or a bucket. */
    public static Map<String, String> fromDocument(byte[] body, int maxTags) {
        return fromDocument(S3Xml.read(body, Tagging.class), maxTags);
    }

    static Map<String, String> fromDocument(Tagging document, int maxTags) {
        if (document.TagSet == null) throw S3Error.MALFORMED_XML.exception();
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (Tagging.Tag tag : document.TagSet) {
            if (tag == null || tag.Key == null || tag.Value == null) throw S3Error.MALFORMED_XML.exception();
            tags.add(Map.entry(tag.Key, tag.Value));
        }
        return check(tags, maxTags);
    }

    /** The Tagging document of a tag set, sorted by key. */
    public static byte[] document(Map<String, String> tags) {
        Tagging document = new Tagging();
        document.TagSet = new ArrayList<>();
        new TreeMap<>(tags).forEach((key, value) -> document.TagSet.add(new Tagging.Tag(key, value)));
        return S3Xml.write(document);
    }

    private static Map<String, String> check(List<Map.Entry<String, String>> tags, int maxTags) {
        if (tags.size() > maxTags) {
            throw S3Error.BAD_REQUEST.exception(maxTags == MAX_OBJECT_TAGS ? "Object tags cannot be greater than 10"
                    : "Bucket tag count cannot be greater than 50");
        }
        Map<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> tag : tags) {
            String key = tag.getKey();
            String value = tag.getValue();
            int keyLength = key.codePointCount(0, key.length());
            if (keyLength < 1 || keyLength > MAX_KEY_CHARACTERS || !ALLOWED.matcher(key).matches()) {
                throw S3Error.INVALID_TAG.exception("The TagKey you have provided is invalid").with("TagKey", key);
            }
            if (value.codePointCount(0, value.length()) > MAX_VALUE_CHARACTERS || !ALLOWED.matcher(value).matches()) {
                throw S3Error.INVALID_TAG.exception("The TagValue you have provided is invalid").with("TagKey", key)
                        .with("TagValue", value);
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw S3Error.INVALID_TAG.exception("System tags cannot be added/updated by requester").with("TagKey", key);
            }
            if (checked.put(key, value) != null) {
                throw S3Error.INVALID_TAG.exception("Cannot provide multiple Tags with the same key").with("TagKey", key);
            }
        }
        return checked;
    }

    private static S3Exception invalidHeader(String header) {
        return S3Error.INVALID_ARGUMENT.exception("The header '" + HEADER + "' shall be encoded as UTF-8 then URLEncoded URL query "
                + "parameters without tag name duplicates.").with("ArgumentName", HEADER).with("ArgumentValue", header);
    }
}
