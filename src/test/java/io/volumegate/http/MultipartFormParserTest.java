package io.volumegate.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartFormParserTest {
    private static final String BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

    @Test
    void partsArriveWholeWhereverTheBodyIsCut() throws IOException {
        byte[] file = new byte[200_000];
        new Random(7).nextBytes(file);
        // a near-delimiter inside the content must stay content
        byte[] trap = ("\r\n--" + BOUNDARY.substring(0, 20)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(trap, 0, file, 1000, trap.length);
        byte[] body = concat(
                ("preamble to ignore\r\n--" + BOUNDARY + "\r\n"
                        + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                        + "hello\r\n--" + BOUNDARY + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"r\u00e9sum\u00e9 \\\"x\\\".bin\"\r\n"
                        + "Content-Type: application/x-thing\r\n\r\n").getBytes(StandardCharsets.UTF_8),
                file,
                ("\r\n--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
        for (int chunk : new int[] {1, 2, 3, 7, 64, 1000, 65_536, body.length}) {
            Map<String, ByteArrayOutputStream> parts = new LinkedHashMap<>();
            List<MultipartFormParser.PartHeaders> headers = new ArrayList<>();
            MultipartFormParser parser = new MultipartFormParser(BOUNDARY, part -> {
                headers.add(part);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                parts.put(part.name(), out);
                return (data, offset, length) -> out.write(data, offset, length);
            }, Refused::new);
            feed(parser, body, chunk);
            parser.finish();
            assertEquals(List.of("note", "file"), new ArrayList<>(parts.keySet()), "chunk " + chunk);
            assertEquals("hello", parts.get("note").toString(StandardCharsets.UTF_8));
            assertArrayEquals(file, parts.get("file").toByteArray(), "chunk " + chunk);
            assertEquals("r\u00e9sum\u00e9 \"x\".bin", headers.get(1).filename());
            assertEquals("application/x-thing", headers.get(1).contentType());
            assertNull(headers.get(0).contentType());
        }
    }

    @Test
    void emptyPartsAndBodiesStartingWithTheBoundary() throws IOException {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=file; filename=empty\r\n\r\n\r\n--"
                + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartFormParser parser = new MultipartFormParser(BOUNDARY, part -> (data, offset, length) -> out.write(data, offset, length), Refused::new);
        parser.write(body, 0, body.length);
        parser.finish();
        assertEquals(0, out.size());
    }

    @Test
    void malformedBodiesAreRefused() {
        assertMalformed("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ndata"); // no closing boundary
        assertMalformed("no boundary at all");
        assertMalformed("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\ndata\r\n--" + BOUNDARY + "--"); // no disposition
        assertMalformed("--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\ndata\r\n--" + BOUNDARY + "--");
        assertMalformed("--" + BOUNDARY + "\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\ndata\r\n--" + BOUNDARY + "--");
        assertMalformed("--" + BOUNDARY + "junk\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nd\r\n--" + BOUNDARY + "--");
    }

    @Test
    void aSinkThatRefusesStopsTheBody() {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n" + "x".repeat(100_000)
                + "\r\n--" + BOUNDARY + "--").getBytes(StandardCharsets.US_ASCII);
        MultipartFormParser parser = new MultipartFormParser(BOUNDARY, part -> new BodySink() {
            long seen;

            @Override
            public void write(byte[] data, int offset, int length) {
                seen += length;
                if (seen > 10_000) throw new IllegalStateException("too large");
            }
        }, Refused::new);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> feed(parser, body, 4096));
        assertEquals("too large", e.getMessage());
    }

    @Test
    void boundaryComesFromTheContentType() {
        assertEquals("abc", MultipartFormParser.boundary("multipart/form-data; boundary=abc", Refused::new));
        assertEquals("a b:c", MultipartFormParser.boundary("multipart/form-data; charset=utf-8; boundary=\"a b:c\"", Refused::new));
        assertEquals("x", MultipartFormParser.boundary("multipart/form-data;boundary=x;other=1", Refused::new));
        for (String bad : new String[] {"multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=" + "b".repeat(71)}) {
            assertThrows(Refused.class, () -> MultipartFormParser.boundary(bad, Refused::new), bad);
        }
    }

    private static void assertMalformed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        MultipartFormParser parser = new MultipartFormParser(BOUNDARY, part -> (data, offset, length) -> { }, Refused::new);
        Refused e = assertThrows(Refused.class, () -> {
            parser.write(bytes, 0, bytes.length);
            parser.finish();
        }, body.length() > 200 ? body.substring(0, 200) : body);
        assertTrue(e.getMessage().contains("multipart"), e.getMessage());
    }

    /** What the tests' parsers refuse a malformed body or boundary with. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static void feed(MultipartFormParser parser, byte[] body, int chunk) throws IOException {
        for (int i = 0; i < body.length; i += chunk) parser.write(body, i, Math.min(chunk, body.length - i));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
