package io.volumegate.s3.copy;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CopySourceRangeTest {
    @Test
    void firstAndLastAreInclusive() {
        CopySourceRange range = CopySourceRange.parse("bytes=0-9");
        assertEquals(new CopySourceRange(0, 9), range);
        assertEquals(10, range.length());
        assertEquals(1, CopySourceRange.parse("bytes=5-5").length());
        assertEquals(new CopySourceRange(5_242_880, 10_485_759), CopySourceRange.parse(" bytes=5242880-10485759 "));
    }

    @Test
    void noHeaderMeansTheWholeSource() {
        assertNull(CopySourceRange.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0-9", "bytes=0", "bytes=-5", "bytes=5-", "bytes=9-0", "bytes=0-1,3-4", "bytes=a-b",
            "bytes=0-bar", "bytes = 0-9", "items=0-9", "bytes=+1-2", "bytes=99999999999999999999-1"})
    void anythingButBytesFirstLastIsInvalidArgument(String header) {
        S3Exception e = assertThrows(S3Exception.class, () -> CopySourceRange.parse(header));
        assertEquals("InvalidArgument", e.error().code(), header);
        assertEquals(400, e.error().status());
        assertTrue(e.getMessage().startsWith("The x-amz-copy-source-range value must be of the form bytes=first-last"));
        assertEquals("x-amz-copy-source-range", e.details().get("ArgumentName"));
        assertEquals(header, e.details().get("ArgumentValue"));
    }

    @Test
    void aRangeInsideTheSourceIsKept() {
        assertEquals(new CopySourceRange(0, 9), CopySourceRange.parse("bytes=0-9").within(10));
    }

    @Test
    void aRangePastTheEndIsRefusedNotClipped() {
        for (String header : new String[] {"bytes=0-10", "bytes=10-10", "bytes=20-30"}) {
            S3Exception e = assertThrows(S3Exception.class, () -> CopySourceRange.parse(header).within(10));
            assertEquals("InvalidArgument", e.error().code(), header);
            assertEquals("Range specified is not valid for source object of size: 10", e.getMessage());
        }
        assertThrows(S3Exception.class, () -> CopySourceRange.parse("bytes=0-0").within(0), "an empty source has no byte 0");
    }
}
