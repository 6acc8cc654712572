package io.volumegate.s3.body;

import io.volumegate.checksum.RunningChecksum;
import io.volumegate.checksum.ChecksumAlgorithm;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes bodies framed and signed by the AWS SDK for Java v2's own signer, the client that
 * sends signed trailers: our reading of the trailer signing rules is checked against theirs.
 */
class AwsChunkedDecoderSdkTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=[^/]+/([^,]+), .*Signature=([0-9a-f]{64})");

    private final byte[] object = new byte[300_000]; // several of the SDK's 128 KiB chunks
    {
        new Random(1).nextBytes(object);
    }

    private SignedRequest sign(boolean payloadSigning, boolean checksum) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://examplebucket.s3.amazonaws.com/chunkObject.bin"))
                .putHeader("Content-Length", Integer.toString(object.length))
                .build();
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("AKIAIOSFODNN7EXAMPLE", SECRET))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(object))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC));
            if (checksum) r.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
        });
    }

    private AwsChunkedDecoder decode(SignedRequest signed, CollectingSink sink) throws IOException {
        SdkHttpRequest request = signed.request();
        String contentSha256 = request.firstMatchingHeader("x-amz-content-sha256").orElseThrow();
        StreamingPayloadMode mode = StreamingPayloadMode.fromContentSha256(contentSha256).orElseThrow();
        ChunkSignatureChain chain = null;
        if (mode.signed()) {
            Matcher authorization = CREDENTIAL.matcher(request.firstMatchingHeader("Authorization").orElseThrow());
            assertTrue(authorization.find());
            String amzDate = request.firstMatchingHeader("x-amz-date").orElseThrow();
            byte[] key = ChunkedBodyBuilder.signingKey(SECRET, amzDate.substring(0, 8), "us-east-1", "s3");
            chain = new ChunkSignatureChain(key, amzDate, authorization.group(1), authorization.group(2));
        }
        long declared = Long.parseLong(request.firstMatchingHeader("x-amz-decoded-content-length").orElseThrow());
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(mode, chain, declared, sink);
        byte[] body;
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        Slices.feedRandomly(decoder, body, 3, 20_000);
        decoder.finish();
        return decoder;
    }

    private String crc32() {
        RunningChecksum crc = ChecksumAlgorithm.CRC32.start();
        crc.update(object, 0, object.length);
        return ChecksumAlgorithm.CRC32.encode(crc.result());
    }

    @Test
    void signedChunksWithASignedChecksumTrailer() throws IOException {
        SignedRequest signed = sign(true, true);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        CollectingSink sink = new CollectingSink();
        AwsChunkedDecoder decoder = decode(signed, sink);
        assertArrayEquals(object, sink.bytes());
        assertEquals(Map.of("x-amz-checksum-crc32", crc32()), decoder.trailers());
    }

    @Test
    void signedChunksWithoutATrailer() throws IOException {
        SignedRequest signed = sign(true, false);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        CollectingSink sink = new CollectingSink();
        decode(signed, sink);
        assertArrayEquals(object, sink.bytes());
    }

    @Test
    void unsignedChunksWithAChecksumTrailer() throws IOException {
        SignedRequest signed = sign(false, true);
        assertEquals("STREAMING-UNSIGNED-PAYLOAD-TRAILER", signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        CollectingSink sink = new CollectingSink();
        AwsChunkedDecoder decoder = decode(signed, sink);
        assertArrayEquals(object, sink.bytes());
        assertEquals(Map.of("x-amz-checksum-crc32", crc32()), decoder.trailers());
    }
}
