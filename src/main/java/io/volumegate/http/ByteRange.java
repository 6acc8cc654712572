package io.volumegate.http;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a GET, resolved against the object's size. Like S3: a header
 * that is not one well-formed "bytes=" range is ignored (the whole object is sent); a
 * well-formed range that starts past the end is 416 InvalidRange.
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() { return last - first + 1; }

    public String contentRange(long size) { return "bytes " + first + "-" + last + "/" + size; }

    /** The range to send, or null for the whole object. */
    public static ByteRange parse(String header, long size) {
        if (header == null) return null;
        Matcher matcher = SINGLE.matcher(header.trim());
        if (!matcher.matches()) return null;
        String from = matcher.group(1);
        String to = matcher.group(2);
        try {
            if (from.isEmpty()) {
                if (to.isEmpty()) return null;
                long suffix = Long.parseLong(to);
                if (suffix == 0 || size == 0) throw unsatisfiable(header, size);
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Long.parseLong(to);
            if (first >= size) throw unsatisfiable(header, size);
            if (last < first) return null;
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }

    /** S3's 416: the range asked for and the size in the document, and the size in Content-Range for the client to retry within. */
    private static S3Exception unsatisfiable(String header, long size) {
        return S3Error.INVALID_RANGE.exception()
                .with("RangeRequested", header.trim())
                .with("ActualObjectSize", Long.toString(size))
                .withHeader("Content-Range", "bytes */" + size);
    }
}
