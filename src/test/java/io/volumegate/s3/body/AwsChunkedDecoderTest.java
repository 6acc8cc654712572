package io.volumegate.s3.body;

import io.volumegate.http.S3Error;
import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsChunkedDecoderTest {
    // AWS's worked example, "Signature Calculations for the Authorization Header: Transferring
    // Payload in Multiple Chunks": 66560 bytes of 'a' in a 64 KiB and a 1 KiB chunk.
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String AMZ_DATE = "20130524T000000Z";
    private static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
    private static final String SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final List<String> PUBLISHED_CHUNK_SIGNATURES = List.of(
            "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648",
            "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497",
            "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
    private static final byte[] KEY = ChunkedBodyBuilder.signingKey(SECRET, "20130524", "us-east-1", "s3");
    private static final byte[] OBJECT = repeat('a', 66560);

    private final CollectingSink sink = new CollectingSink();

    private static byte[] repeat(char c, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) c);
        return bytes;
    }

    private static byte[] ascii(String text) { return text.getBytes(StandardCharsets.ISO_8859_1); }

    private static String text(byte[] bytes) { return new String(bytes, StandardCharsets.ISO_8859_1); }

    private static ChunkSignatureChain chain() { return new ChunkSignatureChain(KEY, AMZ_DATE, SCOPE, SEED); }

    private static ChunkedBodyBuilder signedBuilder() { return ChunkedBodyBuilder.signed(KEY, AMZ_DATE, SCOPE, SEED); }

    private static byte[] awsExampleBody() {
        return signedBuilder().chunk(Arrays.copyOf(OBJECT, 65536)).chunk(Arrays.copyOf(OBJECT, 1024)).finalChunk().end().bytes();
    }

    private AwsChunkedDecoder signed(long declaredLength) {
        return new AwsChunkedDecoder(StreamingPayloadMode.SIGNED, chain(), declaredLength, sink);
    }

    private AwsChunkedDecoder signedWithTrailer() {
        return new AwsChunkedDecoder(StreamingPayloadMode.SIGNED_WITH_TRAILER, chain(), -1, sink);
    }

    private AwsChunkedDecoder unsignedWithTrailer(long declaredLength) {
        return new AwsChunkedDecoder(StreamingPayloadMode.UNSIGNED_WITH_TRAILER, null, declaredLength, sink);
    }

    private static void assertError(S3Error expected, Executable executable) {
        S3Exception e = assertThrows(S3Exception.class, executable);
        assertEquals(expected, e.error(), e.getMessage());
    }

    // --- the published example ---------------------------------------------------------

    @Test
    void theTestBuilderReproducesAwsPublishedChunkSignatures() {
        ChunkedBodyBuilder builder = signedBuilder().chunk(Arrays.copyOf(OBJECT, 65536)).chunk(Arrays.copyOf(OBJECT, 1024)).finalChunk();
        assertEquals(PUBLISHED_CHUNK_SIGNATURES, builder.chunkSignatures());
        String wire = text(builder.end().bytes());
        assertTrue(wire.startsWith("10000;chunk-signature=" + PUBLISHED_CHUNK_SIGNATURES.get(0) + "\r\naaaa"));
        assertTrue(wire.endsWith("aaaa\r\n0;chunk-signature=" + PUBLISHED_CHUNK_SIGNATURES.get(2) + "\r\n\r\n"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 85, 86, 87, 1000, 65536, 65621, 1 << 20})
    void decodesTheAwsExampleWhateverTheSlicing(int sliceSize) throws IOException {
        AwsChunkedDecoder decoder = signed(OBJECT.length);
        Slices.feedAndFinish(decoder, awsExampleBody(), sliceSize);
        assertArrayEquals(OBJECT, sink.bytes());
        assertEquals(OBJECT.length, decoder.decodedLength());
        assertTrue(sink.finished());
        assertEquals(Map.of(), decoder.trailers());
    }

    @Test
    void decodesTheAwsExampleInRandomSlices() throws IOException {
        byte[] body = awsExampleBody();
        for (long seed = 0; seed < 50; seed++) {
            CollectingSink out = new CollectingSink();
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(StreamingPayloadMode.SIGNED, chain(), OBJECT.length, out);
            Slices.feedRandomly(decoder, body, seed, seed % 2 == 0 ? 16 : 9000);
            decoder.finish();
            assertArrayEquals(OBJECT, out.bytes(), "seed " + seed);
        }
    }

    @Test
    void chunkDataStreamsThroughBeforeTheChunkEnds() throws IOException {
        byte[] body = signedBuilder().chunk(repeat('x', 1 << 20)).finalChunk().end().bytes();
        AwsChunkedDecoder decoder = signed(-1);
        decoder.write(body, 0, 1000);
        assertTrue(sink.size() > 0 && sink.size() < 1000, "data passed on before its chunk was complete");
        decoder.write(body, 1000, body.length - 1000);
        decoder.finish();
        assertEquals(1 << 20, sink.size());
    }

    @Test
    void anEmptyObjectIsJustTheSignedFinalChunk() throws IOException {
        AwsChunkedDecoder decoder = signed(0);
        Slices.feedAndFinish(decoder, signedBuilder().finalChunk().end().bytes(), 3);
        assertEquals(0, sink.size());
        assertTrue(sink.finished());
    }

    // --- signatures --------------------------------------------------------------------

    @Test
    void aTamperedChunkSignatureFailsTheUpload() {
        String wire = text(awsExampleBody()).replace(PUBLISHED_CHUNK_SIGNATURES.get(1),
                "1055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feedAndFinish(signed(-1), ascii(wire), 4096));
        assertFalse(sink.finished());
    }

    @Test
    void aTamperedFinalChunkSignatureFailsTheUpload() {
        String wire = text(awsExampleBody()).replace(PUBLISHED_CHUNK_SIGNATURES.get(2), "0".repeat(64));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feedAndFinish(signed(-1), ascii(wire), 4096));
    }

    @Test
    void tamperedDataFailsAtTheEndOfItsChunk() throws IOException {
        byte[] body = awsExampleBody();
        int dataStart = text(body).indexOf("\r\n") + 2;
        body[dataStart + 40000] = 'b';
        AwsChunkedDecoder decoder = signed(-1);
        decoder.write(body, 0, dataStart + 65535);
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> decoder.write(body, dataStart + 65535, 1));
    }

    @Test
    void chunksSignedForAnotherRequestDoNotVerify() {
        ChunkSignatureChain otherSeed = new ChunkSignatureChain(KEY, AMZ_DATE, SCOPE, "f".repeat(64));
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(StreamingPayloadMode.SIGNED, otherSeed, -1, sink);
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feedAndFinish(decoder, awsExampleBody(), 8192));
    }

    @Test
    void reorderedChunksDoNotVerify() {
        ChunkedBodyBuilder builder = signedBuilder().chunk(ascii("first")).chunk(ascii("second"));
        byte[] first = Arrays.copyOfRange(builder.bytes(), 0, text(builder.bytes()).indexOf("6;"));
        byte[] second = Arrays.copyOfRange(builder.bytes(), first.length, builder.bytes().length);
        byte[] swapped = (text(second) + text(first)).getBytes(StandardCharsets.ISO_8859_1);
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> signed(-1).write(swapped, 0, swapped.length));
    }

    @Test
    void aSignedBodyMustSignEveryChunk() {
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feed(signed(-1), ascii("5\r\nhello\r\n"), 100));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feed(signed(-1), ascii("5;chunk-signature=abc\r\n"), 100));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feed(signed(-1), ascii("5;foo=bar\r\n"), 100));
    }

    // --- truncation and lengths -------------------------------------------------------

    @Test
    void aBodyWithoutItsFinalChunkIsIncomplete() throws IOException {
        byte[] body = signedBuilder().chunk(Arrays.copyOf(OBJECT, 65536)).chunk(Arrays.copyOf(OBJECT, 1024)).bytes();
        AwsChunkedDecoder decoder = signed(-1);
        Slices.feed(decoder, body, 1000);
        assertError(S3Error.INCOMPLETE_BODY, decoder::finish);
        assertFalse(sink.finished());
    }

    @Test
    void aBodyCutAnywhereIsIncomplete() throws IOException {
        byte[] signedBody = signedBuilder().chunk(ascii("hello ")).chunk(ascii("world")).finalChunk().end().bytes();
        byte[] trailerBody = ChunkedBodyBuilder.unsigned().chunk(ascii("hello world")).finalChunk()
                .trailer("x-amz-checksum-crc32", "DUoRhQ==").end().bytes();
        for (int cut = 0; cut < signedBody.length; cut++) {
            AwsChunkedDecoder decoder = signed(-1);
            decoder.write(signedBody, 0, cut);
            assertError(S3Error.INCOMPLETE_BODY, decoder::finish);
        }
        for (int cut = 0; cut < trailerBody.length; cut++) {
            AwsChunkedDecoder decoder = unsignedWithTrailer(-1);
            decoder.write(trailerBody, 0, cut);
            assertError(S3Error.INCOMPLETE_BODY, decoder::finish);
        }
    }

    @Test
    void theDecodedLengthMustBeTheDeclaredOne() throws IOException {
        AwsChunkedDecoder tooShort = signed(OBJECT.length + 1);
        Slices.feed(tooShort, awsExampleBody(), 8192);
        assertError(S3Error.INCOMPLETE_BODY, tooShort::finish);

        // Longer than declared is refused as soon as a chunk header says so.
        CollectingSink out = new CollectingSink();
        AwsChunkedDecoder tooLong = new AwsChunkedDecoder(StreamingPayloadMode.SIGNED, chain(), OBJECT.length - 1, out);
        assertError(S3Error.INVALID_REQUEST, () -> Slices.feed(tooLong, awsExampleBody(), 8192));
        assertEquals(65536, out.size(), "refused at the second chunk's header, before any of its data");
    }

    // --- malformed framing -------------------------------------------------------------

    @Test
    void anOverlongChunkHeaderIsRefusedWithoutReadingItAll() throws IOException {
        AwsChunkedDecoder decoder = unsignedWithTrailer(-1);
        byte[] header = ascii("10;" + "x".repeat(AwsChunkedDecoder.MAX_LINE_LENGTH));
        decoder.write(header, 0, AwsChunkedDecoder.MAX_LINE_LENGTH);
        assertError(S3Error.INVALID_REQUEST, () -> decoder.write(header, AwsChunkedDecoder.MAX_LINE_LENGTH, 1));
        assertError(S3Error.INVALID_REQUEST, decoder::finish); // and it stays refused
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "-1", " 5", "5 ", "0x5", "", "1g"})
    void aChunkSizeMustBeHex(String size) {
        assertError(S3Error.INVALID_REQUEST, () -> Slices.feed(unsignedWithTrailer(-1), ascii(size + "\r\nhello\r\n"), 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"140000001", "ffffffffffffffff", "10000000000000000000000"})
    void aChunkOver5GiBIsRefused(String size) {
        assertError(S3Error.INVALID_REQUEST, () -> Slices.feed(unsignedWithTrailer(-1), ascii(size + "\r\n"), 3));
    }

    @Test
    void exactly5GiBIsAnAcceptableChunkSize() throws IOException {
        unsignedWithTrailer(-1).write(ascii("140000000\r\n"), 0, 11);
    }

    @Test
    void chunkDataMustEndWhereItsSizeSays() {
        assertError(S3Error.INVALID_REQUEST, () -> Slices.feed(unsignedWithTrailer(-1), ascii("5\r\nhello!\r\n0\r\n\r\n"), 1));
    }

    @Test
    void linesMustEndInCrlf() {
        assertError(S3Error.INVALID_REQUEST, () -> Slices.feed(unsignedWithTrailer(-1), ascii("5\nhello\r\n"), 1));
        assertError(S3Error.MALFORMED_TRAILER_ERROR,
                () -> Slices.feed(unsignedWithTrailer(-1), ascii("0\r\nx-amz-checksum-crc32:AAAAAA==\n\r\n"), 1));
    }

    @Test
    void nothingMayFollowTheEnd() {
        assertError(S3Error.INVALID_REQUEST, () -> Slices.feed(unsignedWithTrailer(-1), ascii("0\r\n\r\n\r\n"), 1));
    }

    @Test
    void aFailureIsFinal() {
        AwsChunkedDecoder decoder = unsignedWithTrailer(-1);
        S3Exception first = assertThrows(S3Exception.class, () -> decoder.write(ascii("zz\r\n"), 0, 4));
        assertSame(first, assertThrows(S3Exception.class, () -> decoder.write(ascii("0\r\n\r\n"), 0, 5)));
        assertSame(first, assertThrows(S3Exception.class, decoder::finish));
        assertFalse(sink.finished());
    }

    @Test
    void signedModesNeedAChainAndTheUnsignedOneTakesNone() {
        assertThrows(IllegalArgumentException.class, () -> new AwsChunkedDecoder(StreamingPayloadMode.SIGNED, null, -1, sink));
        assertThrows(IllegalArgumentException.class,
                () -> new AwsChunkedDecoder(StreamingPayloadMode.UNSIGNED_WITH_TRAILER, chain(), -1, sink));
    }

    // --- trailers ----------------------------------------------------------------------

    @Test
    void unsignedTrailerModeDeliversTheDataAndTheTrailer() throws IOException {
        byte[] body = ascii("6\r\nhello \r\n5;ignored=extension\r\nworld\r\n0\r\nX-Amz-Checksum-CRC32: DUoRhQ==\r\n\r\n");
        for (int slice : new int[] {1, 2, 5, body.length}) {
            CollectingSink out = new CollectingSink();
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(StreamingPayloadMode.UNSIGNED_WITH_TRAILER, null, 11, out);
            Slices.feedAndFinish(decoder, body, slice);
            assertEquals("hello world", text(out.bytes()));
            assertEquals(Map.of("x-amz-checksum-crc32", "DUoRhQ=="), decoder.trailers());
        }
    }

    @Test
    void aTrailerCanBeAbsent() throws IOException {
        AwsChunkedDecoder decoder = unsignedWithTrailer(5);
        Slices.feedAndFinish(decoder, ascii("5\r\nhello\r\n0\r\n\r\n"), 1);
        assertEquals(Map.of(), decoder.trailers());
        assertEquals("hello", text(sink.bytes()));
    }

    @Test
    void signedTrailerModeVerifiesTheTrailer() throws IOException {
        ChunkedBodyBuilder builder = signedBuilder().chunk(Arrays.copyOf(OBJECT, 65536)).chunk(Arrays.copyOf(OBJECT, 1024))
                .finalChunk().trailer("x-amz-checksum-crc32c", "sOO8/Q==").end();
        for (int slice : new int[] {1, 13, 4096, 1 << 20}) {
            CollectingSink out = new CollectingSink();
            AwsChunkedDecoder decoder = new AwsChunkedDecoder(StreamingPayloadMode.SIGNED_WITH_TRAILER, chain(), OBJECT.length, out);
            Slices.feedAndFinish(decoder, builder.bytes(), slice);
            assertArrayEquals(OBJECT, out.bytes());
            assertEquals(Map.of("x-amz-checksum-crc32c", "sOO8/Q=="), decoder.trailers());
        }
    }

    @Test
    void severalSignedTrailersAreSignedInNameOrder() throws IOException {
        byte[] body = signedBuilder().chunk(ascii("hello")).finalChunk()
                .trailer("x-amz-meta-z", "last").trailer("x-amz-checksum-crc32", "NhCmhg==").end().bytes();
        AwsChunkedDecoder decoder = signedWithTrailer();
        Slices.feedAndFinish(decoder, body, 7);
        assertEquals(List.of("x-amz-meta-z", "x-amz-checksum-crc32"), List.copyOf(decoder.trailers().keySet()));
    }

    @Test
    void aTamperedTrailerFailsTheUpload() {
        String wire = text(signedBuilder().chunk(ascii("hello")).finalChunk()
                .trailer("x-amz-checksum-crc32", "NhCmhg==").end().bytes());
        byte[] otherValue = ascii(wire.replace("NhCmhg==", "AAAAAA=="));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feedAndFinish(signedWithTrailer(), otherValue, 5));
        byte[] otherSignature = ascii(wire.replaceFirst("x-amz-trailer-signature:.", "x-amz-trailer-signature:0"));
        assertFalse(Arrays.equals(otherSignature, ascii(wire)));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feedAndFinish(signedWithTrailer(), otherSignature, 5));
        byte[] unsigned = ascii(wire.replaceFirst("x-amz-trailer-signature:[0-9a-f]+\r\n", ""));
        assertError(S3Error.SIGNATURE_DOES_NOT_MATCH, () -> Slices.feedAndFinish(signedWithTrailer(), unsigned, 5));
        byte[] extraLine = ascii(wire.substring(0, wire.length() - 2) + "x-amz-meta-late:1\r\n\r\n");
        assertError(S3Error.MALFORMED_TRAILER_ERROR, () -> Slices.feedAndFinish(signedWithTrailer(), extraLine, 5));
    }

    @Test
    void aBodySignedWithoutTrailerModeHasNoTrailers() {
        byte[] body = signedBuilder().chunk(ascii("hello")).finalChunk().trailer("x-amz-checksum-crc32", "NhCmhg==").end().bytes();
        assertError(S3Error.MALFORMED_TRAILER_ERROR, () -> Slices.feedAndFinish(signed(-1), body, 5));
    }

    @Test
    void malformedTrailersAreRefused() {
        for (String trailer : List.of("no-colon", ":value", "bad name:value", "x-amz-checksum-crc32:caf\u00e9")) {
            byte[] body = ascii("0\r\n" + trailer + "\r\n\r\n");
            assertError(S3Error.MALFORMED_TRAILER_ERROR, () -> Slices.feedAndFinish(unsignedWithTrailer(-1), body, 2));
        }
        byte[] twice = ascii("0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
        assertError(S3Error.MALFORMED_TRAILER_ERROR, () -> Slices.feedAndFinish(unsignedWithTrailer(-1), twice, 2));
    }

    @Test
    void theTrailerSectionIsBounded() {
        StringBuilder wire = new StringBuilder("0\r\n");
        for (int i = 0; wire.length() <= AwsChunkedDecoder.MAX_TRAILER_SECTION + 1000; i++) {
            wire.append("x-amz-meta-").append(i).append(':').append("v".repeat(1000)).append("\r\n");
        }
        assertError(S3Error.MALFORMED_TRAILER_ERROR, () -> Slices.feed(unsignedWithTrailer(-1), ascii(wire.toString()), 512));
        byte[] longLine = ascii("0\r\nx-amz-meta-a:" + "v".repeat(AwsChunkedDecoder.MAX_LINE_LENGTH) + "\r\n\r\n");
        assertError(S3Error.MALFORMED_TRAILER_ERROR, () -> Slices.feed(unsignedWithTrailer(-1), longLine, 512));
    }
}
