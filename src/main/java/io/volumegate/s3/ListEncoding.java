package io.volumegate.s3;

import io.volumegate.http.QueryParameters;
import io.volumegate.http.S3Error;
import io.volumegate.http.UriEncoding;

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

    private ListEncoding() {}

    /** The encoding the query asks for; InvalidArgument for one S3 does not know. */
    public static UnaryOperator<String> from(QueryParameters query) {
        String encodingType = query.get(PARAMETER);
        if (encodingType == null) return value -> value;
        if (!"url".equals(encodingType)) throw S3Error.INVALID_ARGUMENT.exception("Invalid Encoding Method specified in Request");
        return ListEncoding::url;
    }

    /** {@code value} URL-encoded as S3 lists it: '/' kept, everything but the unreserved characters as %XX; null stays null. */
    public static String url(String value) {
        return value == null ? null : UriEncoding.path(value);
    }
}
