package io.volumegate.it;

import io.volumegate.auth.SigV4Signer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two ways a bucket is found besides path style: virtual-host addressing
 * (Host: bucket.base-domain, configured as s3.localhost for the tests) and a bucket bound to
 * a directory outside the volume (volumegate.buckets), as an existing share is served.
 */
class AddressingIT extends ServerTestBase {

    @Test
    void virtualHostStyleFindsTheBucketInTheHostHeader() throws Exception {
        server.s3().createBucket(b -> b.bucket("addressingit-vhost"));
        server.s3().putObject(b -> b.bucket("addressingit-vhost").key("docs/hello.txt"), RequestBody.fromString("hello vhost"));

        String host = "addressingit-vhost.s3.localhost:" + server.port();
        String query = SigV4Signer.presignedQuery("GET", "/docs/hello.txt", null, host, server.adminAccessKey(),
                server.adminSecretKey().getBytes(StandardCharsets.UTF_8), "us-east-1", Instant.now(), Duration.ofMinutes(5));
        String response = rawGet("/docs/hello.txt?" + query, host);

        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        assertTrue(response.endsWith("hello vhost"), response);
    }

    @Test
    void aBoundBucketServesItsOwnDirectory() throws Exception {
        Path share = server.volume().resolveSibling("it-bound-share");
        Files.createDirectories(share.resolve("existing"));
        Files.writeString(share.resolve("existing/report.txt"), "written by another program");

        assertTrue(server.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals("bound-share")));
        assertArrayEquals("written by another program".getBytes(StandardCharsets.UTF_8),
                server.s3().getObjectAsBytes(b -> b.bucket("bound-share").key("existing/report.txt")).asByteArray());

        server.s3().putObject(b -> b.bucket("bound-share").key("new/upload.txt"), RequestBody.fromString("over S3"));
        assertArrayEquals("over S3".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(share.resolve("new/upload.txt")));
        assertTrue(Files.notExists(server.volume().resolve("bound-share")), "nothing lands in the volume root");
    }

    /** A raw request, because java.net.http will not let a test choose the Host header. */
    private String rawGet(String pathAndQuery, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
