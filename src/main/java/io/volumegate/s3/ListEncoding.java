package io.volumegate.s3;

import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;

import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * {@code encoding-type} of the listings (ListObjects V1 and V2, ListMultipartUploads): how
 * keys and the key-like values echoed with them are written into the XML answer.
 *
 * <p>With {@code url}, as S3 does it (ceph s3-tests test_bucket_list_encoding_basic): each
 * UTF-8 byte outside the unreserved set is {@code %XX}, a space is {@code %20} (not
 * {@code +}: a client that decodes with plain percent-decoding would keep the '+', while
 * {@code %20} reads back as a space whichever way it is decoded), and '/' stays as it is, so
 * keys and common prefixes still show their folders.
 */
public final class ListEncoding {
    public static final String PARAMETER = "encoding-type";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ListEncoding() {}

    /** The encoding the query asks for; InvalidArgument for one S3 does not know. */
    public static UnaryOperator<String> from(QueryParameters query) {
        String encodingType = query.get(PARAMETER);
        if (encodingType == null) return value -> value;
        if (!"url".equals(encodingType)) throw S3Error.INVALID_ARGUMENT.exception("Invalid Encoding Method specified in Request");
        return ListEncoding::url;
    }

    /** {@code value} URL-encoded as S3 lists it; null stays null. */
    public static String url(String value) {
        if (value == null) return null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isKept(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** RFC 3986's unreserved characters, and '/'. */
    private static boolean isKept(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    }
}
