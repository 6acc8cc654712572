package io.volumegate.s3.copy;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.volumegate.s3.S3Refusals.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopySourceTest {
    @Test
    void withOrWithoutTheLeadingSlash() {
        assertEquals(CopySource.of("data", "a/b.txt"), CopySource.parse("data/a/b.txt"));
        assertEquals(CopySource.of("data", "a/b.txt"), CopySource.parse("/data/a/b.txt"));
        assertEquals(CopySource.of("data", "dir/"), CopySource.parse("data/dir/"), "a directory object");
    }

    @Test
    void bucketAndKeyAreDecodedExactlyOnce() {
        assertEquals("a b", CopySource.parse("data/a%20b").key());
        assertEquals("a+b", CopySource.parse("data/a+b").key(), "a '+' is a plus, as in a path");
        assertEquals("100%", CopySource.parse("data/100%25").key());
        assertEquals("%2F", CopySource.parse("data/%252F").key());
        assertEquals("a/b", CopySource.parse("data/a%2Fb").key());
        assertEquals("€/é", CopySource.parse("data/%E2%82%AC/%C3%A9").key());
        assertEquals("what?#", CopySource.parse("data/what%3F%23").key(), "an encoded '?' is part of the key");
        assertEquals("data", CopySource.parse("d%61ta/k").bucket());
    }

    @Test
    void rawUtf8BytesInTheHeaderAreTakenAsBytes() {
        // A container hands header bytes over as ISO-8859-1 chars: "é" sent raw arrives as "Ã©".
        String asReceived = new String("data/é".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals("é", CopySource.parse(asReceived).key());
    }

    @Test
    void theNullVersionIsTheOnlyOne() {
        assertEquals(new CopySource("data", "k", "null"), CopySource.parse("data/k?versionId=null"));
        S3Exception e = refusal(() -> CopySource.parse("data/k?versionId=3HL4kqtJlcpXroDTDmJ"));
        assertEquals("InvalidArgument", e.error().code());
        assertEquals("Invalid version id specified", e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"data", "data/", "/data", "/data/", "/", "//k", "/ /", "%2Fdata/k", "data%2Fk"})
    void withoutBucketAndKeyItIsInvalidArgument(String header) {
        S3Exception e = refusal(() -> CopySource.parse(header));
        assertEquals("InvalidArgument", e.error().code(), header);
        assertEquals("x-amz-copy-source", e.details().get("ArgumentName"));
    }

    @Test
    void badPercentEncodingIsInvalidArgument() {
        assertEquals("InvalidArgument", refusal(() -> CopySource.parse("data/a%ZZ")).error().code());
        assertEquals("InvalidArgument", refusal(() -> CopySource.parse("data/a%C3")).error().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/../other/k", "data/a/../../k", "data/%2E%2E/k", "data/a/%2e%2e/%2e%2e/etc/passwd",
            "data/./k", "data/a//b", "data/a%2F%2Fb", "data/%2Fabs"})
    void traversalAndEmptySegmentsAreRefusedLikeAnyKey(String header) {
        S3Exception e = refusal(() -> CopySource.parse(header));
        assertEquals("InvalidArgument", e.error().code(), header);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data/.volumegate/keystore.p12", "data/%2Evolumegate/tmp/x", "/data/.volumegate/"})
    void theReservedFolderIsNeverASource(String header) {
        assertEquals("AccessDenied", refusal(() -> CopySource.parse(header)).error().code());
    }

    @Test
    void tooLongKeysAreKeyTooLong() {
        assertEquals("KeyTooLongError", refusal(() -> CopySource.parse("data/" + "k".repeat(1025))).error().code());
    }

    @Test
    void sameObjectIsSameBucketAndSameKey() {
        CopySource source = CopySource.parse("data/a.txt");
        assertTrue(source.isSameObject("data", "a.txt"));
        assertFalse(source.isSameObject("data", "b.txt"));
        assertFalse(source.isSameObject("other", "a.txt"));
    }
}
