package io.volumegate.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A request sent as its head alone, with {@code Expect: 100-continue} and a Content-Length
 * whose body never follows: the answer the server gives then is one it gave without reading
 * the body. Payara Micro sends a 100 itself as soon as the head arrives; that one is skipped.
 */
final class HeadersOnly {
    private HeadersOnly() {}

    /** The final answer's head (status line and headers) to {@code method rawPathAndQuery} with these headers. */
    static String answer(TestServer server, String method, String rawPathAndQuery, Map<String, String> headers, long contentLength)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder(method + " " + rawPathAndQuery + " HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("content-length: ").append(contentLength).append("\r\nexpect: 100-continue\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = readHead(in);
            if (answer.startsWith("HTTP/1.1 100")) answer = readHead(in);
            assertFalse(answer.startsWith("HTTP/1.1 100"), "a second interim response");
            return answer;
        }
    }

    /** Reads one response head and, for a final answer, skips its body (by Content-Length). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            bytes.write(b);
        }
        String head = bytes.toString(StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
        return head;
    }
}
