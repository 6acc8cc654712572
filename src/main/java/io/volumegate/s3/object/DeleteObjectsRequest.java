package io.volumegate.s3.object;

import io.volumegate.http.S3Error;
import io.volumegate.s3.xml.Delete;
import io.volumegate.s3.xml.ObjectIdentifier;
import io.volumegate.s3.xml.S3Xml;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code <Delete>} document of DeleteObjects, checked against S3's schema: one to 1000
 * {@code <Object>}s, each with a {@code <Key>}, and {@code <Quiet>} true or false. Anything
 * else is MalformedXML, as on S3. Keys themselves are not judged here: a key that cannot be
 * an object fails on its own, as an {@code <Error>} entry, without failing the others.
 */
public record DeleteObjectsRequest(boolean quiet, List<Target> targets) {
    /** S3's limit on keys per request. */
    public static final int MAX_KEYS = 1000;
    /**
     * Bound on the document, read into memory before it is parsed: 1000 keys of 1024 bytes
     * with their markup and version ids need about 1.1 MB; 2 MiB leaves room for escaping.
     */
    public static final int MAX_BYTES = 2 * 1024 * 1024;

    /** One key to delete; versionId null when the request named none. */
    public record Target(String key, String versionId) {}

    public DeleteObjectsRequest {
        targets = List.copyOf(targets);
    }

    public static DeleteObjectsRequest parse(byte[] body) {
        if (body.length > MAX_BYTES) throw malformed("The XML document is larger than this request allows.");
        Delete delete = S3Xml.read(body, Delete.class);
        if (delete.objects.isEmpty()) throw malformed(null);
        if (delete.objects.size() > MAX_KEYS) {
            throw malformed("The request names " + delete.objects.size() + " keys; at most " + MAX_KEYS + " are allowed.");
        }
        List<Target> targets = new ArrayList<>(delete.objects.size());
        for (ObjectIdentifier object : delete.objects) {
            if (object == null || object.Key == null) throw malformed(null);
            targets.add(new Target(object.Key, object.VersionId));
        }
        return new DeleteObjectsRequest(quiet(delete.Quiet), targets);
    }

    private static boolean quiet(String value) {
        if (value == null) return false;
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw malformed(null);
        };
    }

    private static RuntimeException malformed(String message) {
        return message == null ? S3Error.MALFORMED_XML.exception() : S3Error.MALFORMED_XML.exception(message);
    }
}
