package io.volumegate.api;

import io.volumegate.checksum.ChecksumAlgorithm;
import io.volumegate.checksum.Md5;
import io.volumegate.checksum.RunningChecksum;
import io.volumegate.http.BodySink;
import io.volumegate.http.MultipartFormParser;
import io.volumegate.storage.ContentTypes;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The {@code file} field of a multipart/form-data body, streamed into its target (an object
 * upload, a part) through MD5 and one checksum, within a size limit; other fields are read
 * and dropped. One per request: {@link #parser} wires it to a {@link MultipartFormParser}.
 */
final class FormFile implements BodySink {
    /** The form field that carries the file. */
    static final String FIELD = "file";

    private static final BodySink DISCARD = (data, offset, length) -> { };

    private final BodySink target;
    private final ChecksumAlgorithm algorithm;
    private final long maxSize;
    private final MessageDigest md5 = Md5.start();
    private final RunningChecksum checksum;
    private long size;
    private volatile boolean started;
    private volatile String contentType;

    FormFile(BodySink target, ChecksumAlgorithm algorithm, long maxSize) {
        this.target = target;
        this.algorithm = algorithm;
        this.checksum = algorithm.start();
        this.maxSize = maxSize;
    }

    /** The boundary of a form's Content-Type; 400 when it names none, or a bad one. */
    static String boundary(String contentType) {
        return MultipartFormParser.boundary(contentType, ApiException::badRequest);
    }

    /** A parser of the form with this boundary that sends the {@code file} field here. */
    MultipartFormParser parser(String boundary) {
        Function<MultipartFormParser.PartHeaders, BodySink> sinks = part -> {
            if (!FIELD.equals(part.name())) return DISCARD;
            start(part);
            return this;
        };
        return new MultipartFormParser(boundary, sinks, ApiException::badRequest);
    }

    private void start(MultipartFormParser.PartHeaders headers) {
        if (started) throw ApiException.badRequest("The form has more than one '" + FIELD + "' field.");
        started = true;
        String type = headers.contentType();
        // Browsers say octet-stream when they do not know: let the key's extension or sniffing decide then.
        contentType = type == null || type.isBlank() || type.equalsIgnoreCase(ContentTypes.OCTET_STREAM) ? null : type.strip();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        size += length;
        if (size > maxSize) {
            throw new ApiException(413, "EntityTooLarge", "The file is larger than this endpoint takes (" + maxSize + " bytes).");
        }
        md5.update(data, offset, length);
        checksum.update(data, offset, length);
        target.write(data, offset, length);
    }

    /** Refuses a form that had no {@code file} field (400); call once the body has ended. */
    void requirePresent() {
        if (!started) throw ApiException.badRequest("The form has no '" + FIELD + "' field.");
    }

    /** The type the form gave the file, null when it gave none or only application/octet-stream. */
    String contentType() { return contentType; }

    String md5Hex() { return HexFormat.of().formatHex(md5.digest()); }

    ChecksumAlgorithm algorithm() { return algorithm; }

    /** The checksum's base64 value. */
    String checksum() { return algorithm.encode(checksum.result()); }

}
