package io.volumegate.http;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteRangeTest {
    @Test
    void wellFormedRanges() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=-10", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-1000", 100), "suffix longer than the object");
        assertEquals(new ByteRange(50, 99), ByteRange.parse("bytes=50-1000", 100), "end clamped to the object");
        assertEquals("bytes 0-9/100", ByteRange.parse("bytes=0-9", 100).contentRange(100));
        assertEquals(10, ByteRange.parse("bytes=0-9", 100).length());
    }

    @Test
    void malformedRangesAreIgnoredAsS3Does() {
        assertNull(ByteRange.parse(null, 100));
        assertNull(ByteRange.parse("bytes=9-0", 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100), "multiple ranges: whole object");
        assertNull(ByteRange.parse("items=0-1", 100));
        assertNull(ByteRange.parse("bytes=-", 100));
    }

    @Test
    void unsatisfiableRangesAre416() {
        S3Exception error = assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=100-", 100));
        assertEquals("InvalidRange", error.error().code());
        assertEquals(416, error.error().status());
        assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=0-0", 0));
        assertThrows(S3Exception.class, () -> ByteRange.parse("bytes=-0", 10));
    }

    @Test
    void aRefusedRangeNamesTheRangeAndTheSize() {
        S3Exception error = assertThrows(S3Exception.class, () -> ByteRange.parse(" bytes=500-600 ", 100));
        assertEquals(java.util.Map.of("RangeRequested", "bytes=500-600", "ActualObjectSize", "100"), error.details());
        assertEquals(java.util.Map.of("Content-Range", "bytes */100"), error.headers());
    }
}
