package io.volumegate.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * aws-chunked bodies written by hand, for what no SDK will send: a wrong trailing checksum,
 * a forged chunk signature, a body shorter than it declared, a broken frame. Each is an S3
 * error and stores nothing; a well-formed one stores the data without its framing.
 */
class AwsChunkedIT extends ServerTestBase {
    private static final String BUCKET = "awschunkedit";
    private static final byte[] DATA = "aws-chunked data, framing never stored".getBytes(StandardCharsets.UTF_8);

    private Path bucket;

    @BeforeEach
    void bucket() {
        bucket = server.volume().resolve(BUCKET);
        if (!Files.isDirectory(bucket)) server.s3().createBucket(b -> b.bucket(BUCKET));
    }

    @Test
    void anUnsignedTrailerBodyStoresOnlyTheData() throws Exception {
        HttpResponse<byte[]> response = put("good.txt", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", DATA.length,
                frame(DATA, "x-amz-checksum-crc32:" + crc32(DATA)));
        assertEquals(200, response.statusCode(), RawS3.text(response));
        assertEquals(crc32(DATA), response.headers().firstValue("x-amz-checksum-crc32").orElse(null));
        assertArrayEquals(DATA, Files.readAllBytes(bucket.resolve("good.txt")));
    }

    @Test
    void aWrongTrailingChecksumIsBadDigest() throws Exception {
        HttpResponse<byte[]> response = put("bad-crc.txt", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", DATA.length,
                frame(DATA, "x-amz-checksum-crc32:" + crc32("something else".getBytes(StandardCharsets.UTF_8))));
        assertEquals(400, response.statusCode());
        assertEquals("BadDigest", RawS3.errorCode(response));
        assertFalse(Files.exists(bucket.resolve("bad-crc.txt")));
    }

    @Test
    void aForgedChunkSignatureIsRefused() throws Exception {
        String forged = ";chunk-signature=" + "0".repeat(64);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((Integer.toHexString(DATA.length) + forged + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(DATA);
        body.writeBytes(("\r\n0" + forged + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> response = RawS3.on(server).put("/" + BUCKET + "/forged.txt")
                .header("content-encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", Integer.toString(DATA.length))
                .payloadHash("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")
                .body(body.toByteArray()).send();
        assertEquals(403, response.statusCode());
        assertEquals("SignatureDoesNotMatch", RawS3.errorCode(response));
        assertFalse(Files.exists(bucket.resolve("forged.txt")));
    }

    @Test
    void aBodyShorterThanDeclaredIsIncomplete() throws Exception {
        HttpResponse<byte[]> response = put("short.txt", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", DATA.length + 10, frame(DATA, null));
        assertEquals(400, response.statusCode());
        assertEquals("IncompleteBody", RawS3.errorCode(response));
        assertFalse(Files.exists(bucket.resolve("short.txt")));
    }

    @Test
    void aBrokenFrameIsAClientError() throws Exception {
        HttpResponse<byte[]> response = put("broken.txt", "STREAMING-UNSIGNED-PAYLOAD-TRAILER", DATA.length,
                "zz\r\nnot a chunk\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(400, response.statusCode(), RawS3.text(response));
        assertFalse(Files.exists(bucket.resolve("broken.txt")));
        try (var temps = Files.list(bucket.resolve(".volumegate/tmp"))) {
            assertEquals(0, temps.count(), "no temp file left behind");
        }
    }

    /**
     * The payload mode is what x-amz-content-sha256 names (or Content-Encoding: aws-chunked),
     * never x-amz-decoded-content-length alone: some request builders send that header with a
     * plain body, which must be stored as it is, not parsed as chunks.
     */
    @Test
    void aPlainBodyWithADecodedContentLengthIsStoredAsItIs() throws Exception {
        HttpResponse<byte[]> signed = RawS3.on(server).put("/" + BUCKET + "/plain-signed.txt")
                .header("x-amz-decoded-content-length", Integer.toString(DATA.length))
                .body(DATA).send();
        assertEquals(200, signed.statusCode(), RawS3.text(signed));
        assertArrayEquals(DATA, Files.readAllBytes(bucket.resolve("plain-signed.txt")));

        byte[] looksFramed = frame(DATA, null);
        HttpResponse<byte[]> unsigned = RawS3.on(server).put("/" + BUCKET + "/plain-unsigned.txt")
                .header("x-amz-decoded-content-length", Integer.toString(DATA.length))
                .payloadHash("UNSIGNED-PAYLOAD")
                .body(looksFramed).send();
        assertEquals(200, unsigned.statusCode(), RawS3.text(unsigned));
        assertArrayEquals(looksFramed, Files.readAllBytes(bucket.resolve("plain-unsigned.txt")), "the body, framing-like bytes and all");
        assertArrayEquals(looksFramed, server.s3().getObjectAsBytes(g -> g.bucket(BUCKET).key("plain-unsigned.txt")).asByteArray());
    }

    private HttpResponse<byte[]> put(String key, String mode, long decodedLength, byte[] body) throws Exception {
        return RawS3.on(server).put("/" + BUCKET + "/" + key)
                .header("content-encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", Long.toString(decodedLength))
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .payloadHash(mode)
                .body(body).send();
    }

    /** One data chunk, the final chunk, and an optional trailer line. */
    private static byte[] frame(byte[] data, String trailer) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(data);
        body.writeBytes("\r\n0\r\n".getBytes(StandardCharsets.US_ASCII));
        if (trailer != null) body.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static String crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
