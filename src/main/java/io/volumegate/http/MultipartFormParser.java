package io.volumegate.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A streaming {@code multipart/form-data} parser (RFC 7578 / RFC 2046) as a {@link BodySink}:
 * the body passes through one fixed window, part contents go to the sink that
 * {@code partSinks} chooses for each part as they arrive, so a part of any size costs
 * constant memory. Only part headers are held (up to {@value #MAX_HEADER_BYTES} bytes).
 * Protocol-free: a malformed body or boundary is refused with the exception the caller's
 * {@code refusal} makes of a message (the management API's 400, S3's MalformedPOSTRequest).
 */
public final class MultipartFormParser implements BodySink {
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int WINDOW = 64 * 1024;
    private static final int MAX_BOUNDARY = 70;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    /** A part's name, file name and type, from its headers. */
    public record PartHeaders(String name, String filename, String contentType) {}

    private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, EPILOGUE }

    private final byte[] delimiter;
    private final Function<PartHeaders, BodySink> partSinks;
    private final Function<String, ? extends RuntimeException> refusal;
    private final byte[] window;
    private int filled;
    private State state = State.PREAMBLE;
    private BodySink part;

    /**
     * @param partSinks where a part's content goes (called once its headers are read); a sink
     *                  that throws refuses the whole body
     * @param refusal   the exception for a malformed body, made of a message for people
     */
    public MultipartFormParser(String boundary, Function<PartHeaders, BodySink> partSinks,
                               Function<String, ? extends RuntimeException> refusal) {
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.partSinks = partSinks;
        this.refusal = refusal;
        this.window = new byte[WINDOW + delimiter.length + MAX_HEADER_BYTES];
        // The first boundary may open the body: read it as if a line break came before it.
        window[0] = '\r';
        window[1] = '\n';
        filled = 2;
    }

    /**
     * The boundary parameter of a {@code multipart/form-data} Content-Type.
     *
     * @param refusal the exception, made of a message, when there is none or it is not a valid boundary
     */
    public static String boundary(String contentType, Function<String, ? extends RuntimeException> refusal) {
        String boundary = parameters(contentType).get("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY || boundary.endsWith(" ")) {
            throw refusal.apply("A multipart/form-data body needs a boundary of 1 to 70 characters in its Content-Type.");
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 0x20 || c > 0x7e) throw refusal.apply("The multipart boundary has characters it may not have.");
        }
        return boundary;
    }

    /** Whether a Content-Type names a multipart/form-data body. */
    public static boolean isFormData(String contentType) {
        return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            int n = Math.min(length, window.length - filled);
            if (n <= 0) throw malformed("a part's headers are too long"); // process() keeps this from happening
            System.arraycopy(data, offset, window, filled, n);
            filled += n;
            offset += n;
            length -= n;
            process();
        }
    }

    @Override
    public void finish() throws IOException {
        process();
        if (state != State.EPILOGUE) throw malformed("the body ended before the closing boundary");
    }

    private void process() throws IOException {
        while (true) {
            switch (state) {
                case PREAMBLE, BODY -> {
                    int at = indexOf(delimiter, 0);
                    if (at >= 0) {
                        emit(at);
                        consume(at + delimiter.length);
                        if (state == State.BODY) {
                            part.finish();
                            part = null;
                        }
                        state = State.AFTER_DELIMITER;
                        continue;
                    }
                    int safe = filled - (delimiter.length - 1); // the tail may be the start of a delimiter
                    if (safe > 0) {
                        emit(safe);
                        consume(safe);
                    }
                    return;
                }
                case AFTER_DELIMITER -> {
                    if (filled < 2) return;
                    if (window[0] == '-' && window[1] == '-') {
                        state = State.EPILOGUE;
                        continue;
                    }
                    int lineEnd = indexOf(CRLF, 0);
                    if (lineEnd < 0) {
                        if (filled > 256) throw malformed("a boundary line does not end");
                        return;
                    }
                    for (int i = 0; i < lineEnd; i++) {
                        if (window[i] != ' ' && window[i] != '\t') throw malformed("a boundary is followed by other text");
                    }
                    consume(lineEnd + 2);
                    state = State.HEADERS;
                }
                case HEADERS -> {
                    int end;
                    int skip;
                    if (filled >= 2 && window[0] == '\r' && window[1] == '\n') {
                        end = 0; // a part without headers
                        skip = 2;
                    } else {
                        end = indexOf(HEADER_END, 0);
                        if (end < 0) {
                            if (filled >= MAX_HEADER_BYTES) throw malformed("a part's headers are too long");
                            return;
                        }
                        skip = end + HEADER_END.length;
                    }
                    PartHeaders headers = parseHeaders(new String(window, 0, end, StandardCharsets.UTF_8));
                    consume(skip);
                    part = partSinks.apply(headers);
                    state = State.BODY;
                }
                case EPILOGUE -> {
                    filled = 0; // ignored, as RFC 2046 says
                    return;
                }
            }
        }
    }

    private void emit(int length) throws IOException {
        if (state == State.BODY && length > 0) part.write(window, 0, length);
    }

    private void consume(int length) {
        System.arraycopy(window, length, window, 0, filled - length);
        filled -= length;
    }

    private int indexOf(byte[] pattern, int from) {
        int last = filled - pattern.length;
        byte first = pattern[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (window[i] != first) continue;
            for (int j = 1; j < pattern.length; j++) {
                if (window[i + j] != pattern[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    private PartHeaders parseHeaders(String block) {
        String name = null;
        String filename = null;
        String contentType = null;
        boolean disposition = false;
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) throw malformed("a part header line has no name");
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                if (!value.toLowerCase(Locale.ROOT).startsWith("form-data")) throw malformed("a part is not form-data");
                Map<String, String> parameters = parameters(value);
                name = parameters.get("name");
                filename = parameters.get("filename");
                disposition = true;
            } else if (header.equals("content-type")) {
                contentType = value;
            }
        }
        if (!disposition || name == null) throw malformed("a part has no Content-Disposition: form-data; name=...");
        return new PartHeaders(name, filename, contentType);
    }

    /** Parameters of a header value ({@code type; a=b; c="d \"e\""}), names lower-cased. */
    public static Map<String, String> parameters(String headerValue) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (headerValue == null) return parameters;
        int i = headerValue.indexOf(';');
        while (i >= 0 && i < headerValue.length()) {
            i++;
            while (i < headerValue.length() && (headerValue.charAt(i) == ' ' || headerValue.charAt(i) == '\t')) i++;
            int eq = headerValue.indexOf('=', i);
            if (eq < 0) break;
            String name = headerValue.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            int j = eq + 1;
            StringBuilder value = new StringBuilder();
            if (j < headerValue.length() && headerValue.charAt(j) == '"') {
                j++;
                while (j < headerValue.length() && headerValue.charAt(j) != '"') {
                    char c = headerValue.charAt(j);
                    if (c == '\\' && j + 1 < headerValue.length()) c = headerValue.charAt(++j);
                    value.append(c);
                    j++;
                }
                j = headerValue.indexOf(';', j);
            } else {
                int semicolon = headerValue.indexOf(';', j);
                value.append(headerValue, j, semicolon < 0 ? headerValue.length() : semicolon);
                j = semicolon;
            }
            parameters.putIfAbsent(name, value.toString().strip());
            i = j;
        }
        return parameters;
    }

    private RuntimeException malformed(String why) {
        return refusal.apply("The multipart/form-data body is malformed: " + why + ".");
    }
}
