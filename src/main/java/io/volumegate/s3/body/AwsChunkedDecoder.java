package io.volumegate.s3.body;

import io.volumegate.http.BodySink;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Strips aws-chunked framing from a request body and passes only the object's bytes on.
 * <pre>
 *   &lt;hex size&gt;[;chunk-signature=&lt;64 hex&gt;]\r\n &lt;data&gt; \r\n   ... repeated ...
 *   0[;chunk-signature=&lt;64 hex&gt;]\r\n
 *   [name:value\r\n ...] [x-amz-trailer-signature:&lt;64 hex&gt;\r\n]
 *   \r\n
 * </pre>
 * The body arrives in slices that may split it anywhere, so the decoder is a byte-driven
 * state machine: chunk data streams through without copying, and only header and trailer
 * lines are buffered, each bounded, so memory stays constant whatever a client sends.
 * <p>
 * In the signed modes each chunk's data is hashed as it passes and its signature checked
 * when the chunk ends. Data of a chunk whose signature later fails has already gone
 * downstream: the failure fails the whole upload, whose temp file is then discarded.
 */
public final class AwsChunkedDecoder implements BodySink {
    /** Longest chunk header or trailer line, CR included; a signed header needs about 90. */
    static final int MAX_LINE_LENGTH = 4 * 1024;
    /** Most trailer bytes in all; S3 sends one checksum and a signature. */
    static final int MAX_TRAILER_SECTION = 16 * 1024;
    /** Largest chunk: a chunk cannot be bigger than the largest object PutObject accepts. */
    static final long MAX_CHUNK_SIZE = 5L * 1024 * 1024 * 1024;

    private static final String SIGNATURE_EXTENSION = "chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\x20-\\x7E\\t]*");

    private enum State { CHUNK_HEADER, CHUNK_DATA, CHUNK_DATA_END, TRAILER, DONE }

    private final StreamingPayloadMode mode;
    private final ChunkSignatureChain signatures;
    private final long declaredLength;
    private final BodySink next;
    private final MessageDigest chunkDigest;

    private final byte[] line = new byte[MAX_LINE_LENGTH];
    private int lineLength;
    private boolean lineComplete;

    private State state = State.CHUNK_HEADER;
    private long chunkRemaining;
    private String chunkSignature;
    private int dataEndBytesSeen;
    private long decodedLength;

    private final Map<String, String> trailers = new LinkedHashMap<>();
    private String trailerSignature;
    private int trailerBytes;

    private S3Exception failure;

    /**
     * @param mode           the framing x-amz-content-sha256 announced
     * @param signatures     the chain to check chunk and trailer signatures against; required
     *                       for the signed modes and null for the unsigned one
     * @param declaredLength x-amz-decoded-content-length, or -1 when the client sent none
     * @param next           where the decoded bytes go
     */
    public AwsChunkedDecoder(StreamingPayloadMode mode, ChunkSignatureChain signatures, long declaredLength, BodySink next) {
        if (mode.signed() != (signatures != null)) {
            throw new IllegalArgumentException(mode + (mode.signed() ? " needs" : " takes no") + " signature chain");
        }
        this.mode = mode;
        this.signatures = signatures;
        this.declaredLength = declaredLength;
        this.next = next;
        this.chunkDigest = mode.signed() ? sha256() : null;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        if (failure != null) throw failure;
        try {
            decode(data, offset, offset + length);
        } catch (S3Exception e) {
            failure = e; // a broken body stays broken, whatever the caller does next
            throw e;
        }
    }

    @Override
    public void finish() throws IOException {
        if (failure != null) throw failure;
        if (state != State.DONE) {
            throw S3Error.INCOMPLETE_BODY.exception("The aws-chunked body ended before its final chunk and trailer.");
        }
        if (declaredLength >= 0 && decodedLength != declaredLength) {
            throw S3Error.INCOMPLETE_BODY.exception("You did not provide the number of bytes specified by the "
                    + "x-amz-decoded-content-length HTTP header.");
        }
        next.finish();
    }

    /** Bytes passed downstream so far: the object's length once {@link #finish()} succeeded. */
    public long decodedLength() { return decodedLength; }

    /**
     * The trailing headers received, by lower-case name in arrival order, without the trailer
     * signature. Complete once the body has ended, which is before the next stage finishes.
     */
    public Map<String, String> trailers() { return Collections.unmodifiableMap(trailers); }

    private void decode(byte[] data, int pos, int end) throws IOException {
        while (pos < end) {
            switch (state) {
                case CHUNK_HEADER, TRAILER -> {
                    pos = readLine(data, pos, end);
                    if (lineComplete) {
                        String text = takeLine();
                        if (state == State.CHUNK_HEADER) startChunk(text);
                        else trailerLine(text);
                    }
                }
                case CHUNK_DATA -> {
                    int count = (int) Math.min(chunkRemaining, end - pos);
                    if (chunkDigest != null) chunkDigest.update(data, pos, count);
                    decodedLength += count;
                    next.write(data, pos, count);
                    pos += count;
                    chunkRemaining -= count;
                    if (chunkRemaining == 0) endChunkData();
                }
                case CHUNK_DATA_END -> {
                    if (data[pos++] != (dataEndBytesSeen == 0 ? '\r' : '\n')) {
                        throw S3Error.INVALID_REQUEST.exception("Chunk data is not followed by CRLF: "
                                + "the chunk is longer than its size says.");
                    }
                    if (++dataEndBytesSeen == 2) state = State.CHUNK_HEADER;
                }
                case DONE -> throw S3Error.INVALID_REQUEST.exception("There is data after the end of the aws-chunked body.");
            }
        }
    }

    /** Buffers bytes up to and including the next LF; returns the position after what it took. */
    private int readLine(byte[] data, int pos, int end) {
        while (pos < end) {
            byte b = data[pos++];
            if (b == '\n') {
                lineComplete = true;
                return pos;
            }
            if (lineLength == line.length) throw malformedLine("is longer than " + MAX_LINE_LENGTH + " bytes");
            line[lineLength++] = b;
        }
        return pos;
    }

    private String takeLine() {
        if (lineLength == 0 || line[lineLength - 1] != '\r') throw malformedLine("does not end in CRLF");
        String text = new String(line, 0, lineLength - 1, StandardCharsets.ISO_8859_1);
        lineLength = 0;
        lineComplete = false;
        return text;
    }

    private S3Exception malformedLine(String problem) {
        return state == State.TRAILER
                ? S3Error.MALFORMED_TRAILER_ERROR.exception("A trailer line " + problem + ".")
                : S3Error.INVALID_REQUEST.exception("A chunk header " + problem + ".");
    }

    private void startChunk(String header) {
        int semicolon = header.indexOf(';');
        long size = parseChunkSize(semicolon < 0 ? header : header.substring(0, semicolon));
        if (mode.signed()) {
            String extension = semicolon < 0 ? "" : header.substring(semicolon + 1);
            if (!extension.startsWith(SIGNATURE_EXTENSION)
                    || !SIGNATURE.matcher(extension.substring(SIGNATURE_EXTENSION.length())).matches()) {
                throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception("A chunk of a signed aws-chunked body lacks its chunk-signature.");
            }
            chunkSignature = extension.substring(SIGNATURE_EXTENSION.length());
        }
        // Unsigned mode: other chunk extensions carry nothing we use, and HTTP lets us ignore them.
        if (declaredLength >= 0 && size > declaredLength - decodedLength) {
            throw S3Error.INVALID_REQUEST.exception("The body is longer than its declared x-amz-decoded-content-length.");
        }
        chunkRemaining = size;
        if (size > 0) {
            state = State.CHUNK_DATA;
        } else {
            verifyChunkSignature(); // the final, empty chunk is signed like any other
            state = State.TRAILER;
        }
    }

    private static long parseChunkSize(String hex) {
        if (hex.isEmpty()) throw S3Error.INVALID_REQUEST.exception("A chunk header has no size.");
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) throw S3Error.INVALID_REQUEST.exception("A chunk size is not hexadecimal.");
            size = size * 16 + digit; // checked each digit, so it never overflows
            if (size > MAX_CHUNK_SIZE) throw S3Error.INVALID_REQUEST.exception("A chunk is larger than 5 GiB.");
        }
        return size;
    }

    private void endChunkData() {
        verifyChunkSignature();
        state = State.CHUNK_DATA_END;
        dataEndBytesSeen = 0;
    }

    private void verifyChunkSignature() {
        if (signatures != null) signatures.verifyChunk(chunkDigest.digest(), chunkSignature);
    }

    private void trailerLine(String text) {
        if (text.isEmpty()) {
            endTrailers();
            state = State.DONE;
            return;
        }
        if (!mode.trailer()) {
            throw S3Error.MALFORMED_TRAILER_ERROR.exception("Trailing headers are not expected with " + mode.contentSha256() + ".");
        }
        trailerBytes += text.length() + 2;
        if (trailerBytes > MAX_TRAILER_SECTION) {
            throw S3Error.MALFORMED_TRAILER_ERROR.exception("The trailing headers are longer than " + MAX_TRAILER_SECTION + " bytes.");
        }
        if (trailerSignature != null) {
            throw S3Error.MALFORMED_TRAILER_ERROR.exception("Nothing may follow the trailer signature, since it would be unsigned.");
        }
        int colon = text.indexOf(':');
        String name = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : text.substring(colon + 1).strip();
        if (!FIELD_NAME.matcher(name).matches() || !FIELD_VALUE.matcher(value).matches()) {
            throw S3Error.MALFORMED_TRAILER_ERROR.exception();
        }
        if (name.equals(TRAILER_SIGNATURE)) {
            // Only the signed mode has a chain to check it against; elsewhere it means nothing.
            if (mode.signed()) trailerSignature = value;
            return;
        }
        if (trailers.putIfAbsent(name, value) != null) {
            throw S3Error.MALFORMED_TRAILER_ERROR.exception("The trailing header " + name + " appears twice.");
        }
    }

    private void endTrailers() {
        if (!mode.signed() || !mode.trailer()) return;
        if (trailerSignature != null) {
            signatures.verifyTrailer(canonicalTrailers(), trailerSignature);
        } else if (!trailers.isEmpty()) {
            // Unsigned values in a signed body could be anything a man in the middle chose.
            throw S3Error.SIGNATURE_DOES_NOT_MATCH.exception("The trailing headers of a signed body are not signed.");
        }
    }

    /**
     * The trailers as SigV4 canonical headers, which is what the AWS SDKs sign: sorted by
     * name, each {@code name:value\n} with runs of spaces in the value collapsed.
     */
    private String canonicalTrailers() {
        StringBuilder canonical = new StringBuilder();
        new TreeMap<>(trailers).forEach((name, value) ->
                canonical.append(name).append(':').append(value.replaceAll("\\s+", " ")).append('\n'));
        return canonical.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
