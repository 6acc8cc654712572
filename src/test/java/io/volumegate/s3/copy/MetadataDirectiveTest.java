package io.volumegate.s3.copy;

import io.volumegate.http.S3Exception;
import io.volumegate.storage.ObjectMetadata;
import org.junit.jupiter.api.Test;

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
}
