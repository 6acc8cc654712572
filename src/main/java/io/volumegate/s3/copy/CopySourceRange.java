package io.volumegate.s3.copy;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code x-amz-copy-source-range: bytes=first-last} of UploadPartCopy: both offsets
 * required, zero-based and inclusive. Stricter than a GET's Range, as S3 is: no suffix or
 * open-ended forms, no lists, and a range past the end of the source is refused instead of
 * being clipped.
 *
 * <p>Both refusals are 400 InvalidArgument, which is what S3 answers (clients and other
 * servers' issue trackers show "Range specified is not valid for source object of size: N"
 * for a range past the end, not 416 InvalidRange as a GET would get).
 */
public record CopySourceRange(long first, long last) {
    public static final String HEADER = "x-amz-copy-source-range";
    private static final Pattern FORM = Pattern.compile("bytes=(\\d{1,18})-(\\d{1,18})");

    public long length() { return last - first + 1; }

    /** The range the header asks for, or null when there is no header (copy the whole source). */
    public static CopySourceRange parse(String header) {
        if (header == null) return null;
        Matcher matcher = FORM.matcher(header.strip());
        if (!matcher.matches()) throw malformed(header);
        long first = Long.parseLong(matcher.group(1));
        long last = Long.parseLong(matcher.group(2));
        if (first > last) throw malformed(header);
        return new CopySourceRange(first, last);
    }

    /** This range, checked against the size of the source it reads. */
    public CopySourceRange within(long sourceSize) {
        if (last >= sourceSize) {
            throw S3Error.INVALID_ARGUMENT.exception("Range specified is not valid for source object of size: " + sourceSize)
                    .with("ArgumentName", HEADER).with("ArgumentValue", "bytes=" + first + "-" + last);
        }
        return this;
    }

    private static S3Exception malformed(String header) {
        return S3Error.INVALID_ARGUMENT.exception("The x-amz-copy-source-range value must be of the form bytes=first-last"
                        + " where first and last are the zero-based offsets of the first and last bytes to copy")
                .with("ArgumentName", HEADER).with("ArgumentValue", header);
    }
}
