package io.volumegate.s3.copy;

import io.volumegate.http.S3Exception;
import io.volumegate.storage.ObjectMetadata;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class MetadataDirectiveTest {
    private static final ObjectMetadata SOURCE = ObjectMetadata.builder()
            .contentType("text/csv").contentEncoding("gzip").contentDisposition("attachment").cacheControl("no-cache")
            .expires("Thu, 01 Dec 2094 16:00:00 GMT").contentLanguage("de")
            .putUserMetadata("owner", "alice").md5Hex("0123456789abcdef0123456789abcdef").putChecksum("CRC32", "AAAAAA==")
            .size(42).mtimeMillis(1000).build();
    private static final ObjectMetadata REQUEST = ObjectMetadata.builder()
            .contentType("application/json").putUserMetadata("owner", "bob").build();

    @Test
    void copyIsTheDefaultAndOnlyTheTwoExactValuesExist() {
        assertEquals(MetadataDirective.COPY, MetadataDirective.from(null));
        assertEquals(MetadataDirective.COPY, MetadataDirective.from("COPY"));
        assertEquals(MetadataDirective.REPLACE, MetadataDirective.from("REPLACE"));
        for (String value : new String[] {"", "MOVE", "copy", "Replace", "COPY,REPLACE"}) {
            S3Exception e = assertThrows(S3Exception.class, () -> MetadataDirective.from(value), value);
            assertEquals("InvalidArgument", e.error().code());
            assertEquals("Unknown metadata directive.", e.getMessage());
            assertEquals("x-amz-metadata-directive", e.details().get("ArgumentName"));
        }
    }

    @Test
    void copyCarriesTheSourcesContentHeadersAndUserMetadataButNoDigests() {
        ObjectMetadata copy = MetadataDirective.COPY.metadataFor(SOURCE, "text/csv", () -> fail("the request is not asked"));
        assertEquals("text/csv", copy.contentType());
        assertEquals("gzip", copy.contentEncoding());
        assertEquals("attachment", copy.contentDisposition());
        assertEquals("no-cache", copy.cacheControl());
        assertEquals("Thu, 01 Dec 2094 16:00:00 GMT", copy.expires());
        assertEquals("de", copy.contentLanguage());
        assertEquals(Map.of("owner", "alice"), copy.userMetadata());
        assertNull(copy.md5Hex(), "digests belong to the bytes; the copy sets its own");
        assertTrue(copy.checksums().isEmpty());
        assertEquals(0, copy.size());
    }

    @Test
    void copyOfAFileWithoutMetadataKeepsTheTypeItIsServedWith() {
        ObjectMetadata copy = MetadataDirective.COPY.metadataFor(null, "application/pdf", () -> fail("not asked"));
        assertEquals("application/pdf", copy.contentType());
        assertTrue(copy.userMetadata().isEmpty());
    }

    @Test
    void replaceTakesOnlyTheRequests() {
        ObjectMetadata copy = MetadataDirective.REPLACE.metadataFor(SOURCE, "text/csv", () -> REQUEST);
        assertEquals("application/json", copy.contentType());
        assertNull(copy.contentEncoding());
        assertNull(copy.cacheControl());
        assertEquals(Map.of("owner", "bob"), copy.userMetadata());
        assertNull(copy.md5Hex());
    }

    @Test
    void aCopyOntoItselfNeedsReplace() {
        S3Exception e = assertThrows(S3Exception.class, () -> MetadataDirective.COPY.checkCopyOntoItself(true));
        assertEquals("InvalidRequest", e.error().code());
        assertTrue(e.getMessage().startsWith("This copy request is illegal because it is trying to copy an object to itself"));
        assertDoesNotThrow(() -> MetadataDirective.REPLACE.checkCopyOntoItself(true));
        assertDoesNotThrow(() -> MetadataDirective.COPY.checkCopyOntoItself(false));
    }
}
