package io.volumegate.s3.post;

import io.volumegate.http.BodySink;
import io.volumegate.http.MultipartFormParser;
import io.volumegate.http.S3Error;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The parts of a POST Object form as its parser meets them: the fields before the file are
 * read into memory (at most {@value #MAX_FIELD_BYTES} bytes of names and values, S3's limit
 * for what precedes the file), by lower-case name, since S3 takes field names in any case;
 * the {@code file} part goes to the sink {@code onFile} makes of those fields once the file
 * begins, so it streams; every part after the file is read and dropped, as S3 ignores
 * fields after the file.
 */
final class PostForm {
    static final String FILE = "file";
    /** S3 refuses a form whose fields before the file are larger (MaxPostPreDataLengthExceededError). */
    static final int MAX_FIELD_BYTES = 20 * 1024;
    private static final BodySink DISCARD = (data, offset, length) -> { };

    /** The file part's start: the fields that came before it, and its own headers. */
    record FileStart(Map<String, String> fields, String filename, String contentType) {}

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Function<FileStart, BodySink> onFile;
    private int fieldBytes;
    private volatile boolean fileSeen;

    /** @param onFile the file's sink; called once, on the thread reading the body */
    PostForm(Function<FileStart, BodySink> onFile) {
        this.onFile = onFile;
    }

    /** A parser of a body with this boundary that fills this form. */
    MultipartFormParser parser(String boundary) {
        return new MultipartFormParser(boundary, this::part, S3Error.MALFORMED_POST_REQUEST::exception);
    }

    /** Whether the body had a file part; valid once it has ended. */
    boolean hasFile() { return fileSeen; }

    private BodySink part(MultipartFormParser.PartHeaders headers) {
        if (fileSeen) return DISCARD;
        String name = headers.name().toLowerCase(Locale.ROOT);
        if (name.equals(FILE)) {
            fileSeen = true;
            return onFile.apply(new FileStart(Collections.unmodifiableMap(fields), headers.filename(), headers.contentType()));
        }
        count(name.getBytes(StandardCharsets.UTF_8).length);
        return new Field(name);
    }

    private void count(int bytes) {
        fieldBytes += bytes;
        if (fieldBytes > MAX_FIELD_BYTES) throw S3Error.MAX_POST_PRE_DATA_LENGTH_EXCEEDED.exception();
    }

    /** One field's value, collected as it arrives, kept once its part ends. */
    private final class Field implements BodySink {
        private final String name;
        private final ByteArrayOutputStream value = new ByteArrayOutputStream();

        Field(String name) {
            this.name = name;
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            count(length);
            value.write(data, offset, length);
        }

        @Override
        public void finish() {
            if (fields.putIfAbsent(name, value.toString(StandardCharsets.UTF_8)) != null) {
                throw S3Error.INVALID_ARGUMENT.exception("The form has more than one '" + name + "' field.")
                        .with("ArgumentName", name);
            }
        }
    }
}
