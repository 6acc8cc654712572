package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expect: 100-continue, as the aws CLI, boto3 and the Java SDK send it: a request that will
 * be refused is answered without waiting for its body, and an accepted one gets exactly one
 * interim 100 (the Java SDK's async client breaks on two). Payara Micro's HTTP layer sends
 * the 100 itself as soon as the headers arrive, before the application runs, so a refusal
 * may follow one 100; what the application controls is that it never waits for the body.
 */
class ExpectContinueIT extends ServerTestBase {
    private static final String BUCKET = "expectcontinueit";
    private static final byte[] BODY = "the body the client holds back until told to continue".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void bucket() {
        if (!Files.isDirectory(server.volume().resolve(BUCKET))) server.s3().createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void anAcceptedUploadGetsExactlyOneInterimResponse() throws Exception {
        Map<String, String> headers = RawS3.on(server).put("/" + BUCKET + "/accepted.txt")
                .signedHeaders("UNSIGNED-PAYLOAD", Instant.now());
        try (Socket socket = connect()) {
            sendHead(socket, "/" + BUCKET + "/accepted.txt", headers, BODY.length);
            String interim = readHead(socket.getInputStream());
            assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
            socket.getOutputStream().write(BODY);
            String answer = readHead(socket.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 200"), "one 100, then the final answer: " + answer);
        }
        assertEquals(new String(BODY, StandardCharsets.UTF_8),
                Files.readString(server.volume().resolve(BUCKET).resolve("accepted.txt")));
    }

    @Test
    void aRefusedUploadIsAnsweredBeforeItsBodyIsSent() throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>(RawS3.on(server).put("/" + BUCKET + "/refused.txt")
                .signedHeaders("UNSIGNED-PAYLOAD", Instant.now()));
        headers.put("authorization", headers.get("authorization").replaceAll("Signature=[0-9a-f]{4}", "Signature=0000"));
        String answer = HeadersOnly.answer(server, "PUT", "/" + BUCKET + "/refused.txt", headers, BODY.length);
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertFalse(Files.exists(server.volume().resolve(BUCKET).resolve("refused.txt")));
    }

    @Test
    void aFailedPreconditionIsAnsweredBeforeTheBody() throws Exception {
        Files.writeString(server.volume().resolve(BUCKET).resolve("exists.txt"), "old");
        Map<String, String> headers = RawS3.on(server).put("/" + BUCKET + "/exists.txt")
                .header("If-None-Match", "*").signedHeaders("UNSIGNED-PAYLOAD", Instant.now());
        String answer = HeadersOnly.answer(server, "PUT", "/" + BUCKET + "/exists.txt", headers, BODY.length);
        assertTrue(answer.startsWith("HTTP/1.1 412"), answer);
        assertEquals("old", Files.readString(server.volume().resolve(BUCKET).resolve("exists.txt")));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(15_000);
        return socket;
    }

    private static void sendHead(Socket socket, String path, Map<String, String> headers, int length) throws IOException {
        StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("content-length: ").append(length).append("\r\nexpect: 100-continue\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        return HeadersOnly.readHead(in);
    }
}
