package io.volumegate.s3.post;

import io.volumegate.auth.PostPolicy;
import io.volumegate.http.BodySink;
import io.volumegate.http.MultipartFormParser;
import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A POST Object form as it streams: fields before the file, the file, and what comes after it. */
class PostFormTest {
    private static final String BOUNDARY = "b0undary";

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String file(String filename, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"FILE\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + content + "\r\n";
    }

    private static void feed(PostForm form, String body) throws IOException {
        MultipartFormParser parser = form.parser(BOUNDARY);
        byte[] bytes = (body + "--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += 5) parser.write(bytes, i, Math.min(5, bytes.length - i)); // cut anywhere
        parser.finish();
    }

    @Test
    void theFileGetsTheFieldsBeforeItAndStreamsFieldsAfterItAreDropped() throws IOException {
        List<PostForm.FileStart> starts = new ArrayList<>();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        PostForm form = new PostForm(start -> {
            starts.add(start);
            return (data, offset, length) -> content.write(data, offset, length);
        });
        feed(form, field("Key", "a/${filename}") + field("X-Amz-Meta-Note", "h\u00e9") + file("n.txt", "the file")
                + field("x-amz-meta-late", "dropped") + file("second.txt", "ignored too"));
        assertTrue(form.hasFile());
        assertEquals(1, starts.size());
        assertEquals(Map.of("key", "a/${filename}", "x-amz-meta-note", "h\u00e9"), starts.get(0).fields());
        assertEquals("n.txt", starts.get(0).filename());
        assertEquals("text/plain", starts.get(0).contentType());
        assertEquals("the file", content.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFormWithoutAFileSaysSo() throws IOException {
        PostForm form = new PostForm(start -> { throw new AssertionError("no file"); });
        feed(form, field("key", "k"));
        assertFalse(form.hasFile());
    }

    @Test
    void fieldsBeforeTheFileAreBounded() {
        PostForm form = new PostForm(start -> BodySinks.DISCARD);
        S3Exception e = assertThrows(S3Exception.class,
                () -> feed(form, field("x-amz-meta-big", "x".repeat(PostForm.MAX_FIELD_BYTES)) + file("f", "x")));
        assertEquals(S3Error.MAX_POST_PRE_DATA_LENGTH_EXCEEDED, e.error());
    }

    @Test
    void aFieldTwiceIsRefused() {
        PostForm form = new PostForm(start -> BodySinks.DISCARD);
        S3Exception e = assertThrows(S3Exception.class, () -> feed(form, field("key", "a") + field("KEY", "b") + file("f", "x")));
        assertEquals(S3Error.INVALID_ARGUMENT, e.error());
    }

    @Test
    void aMalformedBodyIsAMalformedPostRequest() {
        PostForm form = new PostForm(start -> BodySinks.DISCARD);
        MultipartFormParser parser = form.parser(BOUNDARY);
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII);
        S3Exception e = assertThrows(S3Exception.class, () -> parser.write(body, 0, body.length));
        assertEquals(S3Error.MALFORMED_POST_REQUEST, e.error());
    }

    @Test
    void theContentLengthRangeBoundsTheFileAtBothEnds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BodySink sink = new SizeRange(new PostPolicy.LengthRange(2, 4)).before((data, offset, length) -> out.write(data, offset, length));
        sink.write(new byte[4], 0, 4);
        sink.finish();
        assertEquals(4, out.size());
        BodySink tooLarge = new SizeRange(new PostPolicy.LengthRange(2, 4)).before(BodySinks.DISCARD);
        assertEquals(S3Error.ENTITY_TOO_LARGE, assertThrows(S3Exception.class, () -> tooLarge.write(new byte[5], 0, 5)).error());
        BodySink tooSmall = new SizeRange(new PostPolicy.LengthRange(2, 4)).before(BodySinks.DISCARD);
        tooSmall.write(new byte[1], 0, 1);
        S3Exception small = assertThrows(S3Exception.class, tooSmall::finish);
        assertEquals(S3Error.ENTITY_TOO_SMALL, small.error());
        assertEquals("1", small.details().get("ProposedSize"));
    }

    private static final class BodySinks {
        static final BodySink DISCARD = (data, offset, length) -> { };
    }
}
