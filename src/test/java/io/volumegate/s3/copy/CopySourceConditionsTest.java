package io.volumegate.s3.copy;

import io.volumegate.http.S3Exception;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The x-amz-copy-source-if-* headers, with the precedence the S3 API reference spells out. */
class CopySourceConditionsTest {
    private static final String ETAG = "\"9b2cf535f27731c974343645a3985328\"";
    private static final Instant MODIFIED = Instant.parse("2024-05-01T12:00:00.750Z");
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
    private static final String BEFORE = "Wed, 01 May 2024 11:00:00 GMT";
    private static final String SAME_SECOND = "Wed, 01 May 2024 12:00:00 GMT";
    private static final String AFTER = "Wed, 01 May 2024 13:00:00 GMT";

    private final Map<String, String> headers = new HashMap<>();

    private void check() {
        CopySourceConditions.check(headers::get, ETAG, MODIFIED, NOW);
    }

    private void assertFails(String condition) {
        S3Exception e = assertThrows(S3Exception.class, this::check, headers.toString());
        assertEquals("PreconditionFailed", e.error().code());
        assertEquals(412, e.error().status());
        assertEquals(condition, e.details().get("Condition"));
    }

    @Test
    void noConditionsCopy() {
        assertDoesNotThrow(this::check);
    }

    @Test
    void ifMatch() {
        headers.put("x-amz-copy-source-if-match", ETAG);
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-match", "9b2cf535f27731c974343645a3985328"); // unquoted, as the CLI sends
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-match", "\"other\", " + ETAG);
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-match", "*");
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-match", "\"other\"");
        assertFails("x-amz-copy-source-if-match");
    }

    @Test
    void ifNoneMatch() {
        headers.put("x-amz-copy-source-if-none-match", "\"other\"");
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-none-match", ETAG);
        assertFails("x-amz-copy-source-if-none-match");
        headers.put("x-amz-copy-source-if-none-match", "*");
        assertFails("x-amz-copy-source-if-none-match");
    }

    @Test
    void ifModifiedSinceComparesWholeSeconds() {
        headers.put("x-amz-copy-source-if-modified-since", BEFORE);
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-modified-since", SAME_SECOND);
        assertFails("x-amz-copy-source-if-modified-since");
        headers.put("x-amz-copy-source-if-modified-since", AFTER);
        assertFails("x-amz-copy-source-if-modified-since");
    }

    @Test
    void ifUnmodifiedSinceComparesWholeSeconds() {
        headers.put("x-amz-copy-source-if-unmodified-since", AFTER);
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-unmodified-since", SAME_SECOND);
        assertDoesNotThrow(this::check);
        headers.put("x-amz-copy-source-if-unmodified-since", BEFORE);
        assertFails("x-amz-copy-source-if-unmodified-since");
    }

    @Test
    void aMatchingIfMatchOverridesAFailingIfUnmodifiedSince() {
        headers.put("x-amz-copy-source-if-match", ETAG);
        headers.put("x-amz-copy-source-if-unmodified-since", BEFORE);
        assertDoesNotThrow(this::check);
    }

    @Test
    void aFailingIfNoneMatchFailsEvenWhenIfModifiedSinceHolds() {
        headers.put("x-amz-copy-source-if-none-match", ETAG);
        headers.put("x-amz-copy-source-if-modified-since", BEFORE);
        assertFails("x-amz-copy-source-if-none-match");
    }

    @Test
    void aPassingIfNoneMatchMakesIfModifiedSinceMoot() {
        headers.put("x-amz-copy-source-if-none-match", "\"other\"");
        headers.put("x-amz-copy-source-if-modified-since", AFTER);
        assertDoesNotThrow(this::check);
    }

    @Test
    void datesThatCannotBeParsedOrLieInTheFutureAreIgnored() {
        headers.put("x-amz-copy-source-if-modified-since", "yesterday");
        headers.put("x-amz-copy-source-if-unmodified-since", "2024-01-01");
        assertDoesNotThrow(this::check);
        headers.clear();
        headers.put("x-amz-copy-source-if-modified-since", "Sat, 01 Jun 2024 00:00:01 GMT"); // after NOW
        assertDoesNotThrow(this::check);
    }
}
