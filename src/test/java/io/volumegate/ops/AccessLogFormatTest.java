package io.volumegate.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AccessLogFormatTest {
    private static final long TIME = 1_767_225_600_123L; // 2026-01-01T00:00:00.123Z

    private static AccessRecord record(String key, String errorCode) {
        return new AccessRecord(TIME, "0123456789ABCDEF", "203.0.113.7", "AKIDEXAMPLE", "GET", "/data/a%22b.txt",
                "GET_OBJECT", "data", key, 404, errorCode, 0, 243, 12, null, "aws-cli/2 \"quoted\"");
    }

    @Test
    void jsonNamesEveryFieldAndEscapesTheKey() {
        assertEquals("{\"time\":\"2026-01-01T00:00:00.123Z\",\"request_id\":\"0123456789ABCDEF\","
                        + "\"remote_addr\":\"203.0.113.7\",\"access_key\":\"AKIDEXAMPLE\",\"method\":\"GET\","
                        + "\"path\":\"/data/a%22b.txt\",\"operation\":\"GET_OBJECT\",\"bucket\":\"data\","
                        + "\"key\":\"a\\\"b\\n\\u0001.txt\",\"status\":404,\"error_code\":\"NoSuchKey\",\"bytes_in\":0,"
                        + "\"bytes_out\":243,\"duration_ms\":12}",
                AccessLogFormat.JSON.format(record("a\"b\n\u0001.txt", "NoSuchKey")));
    }

    @Test
    void jsonWritesAbsentFieldsAsNull() {
        AccessRecord anonymous = new AccessRecord(TIME, "ID", "::1", "-", "GET", "/-/health", "HEALTH", null, null, 200,
                null, 0, 15, 0, null, null);
        assertEquals("{\"time\":\"2026-01-01T00:00:00.123Z\",\"request_id\":\"ID\",\"remote_addr\":\"::1\",\"access_key\":null,"
                + "\"method\":\"GET\",\"path\":\"/-/health\",\"operation\":\"HEALTH\",\"bucket\":null,\"key\":null,"
                + "\"status\":200,\"error_code\":null,\"bytes_in\":0,\"bytes_out\":15,\"duration_ms\":0}",
                AccessLogFormat.JSON.format(anonymous));
    }

    @Test
    void commonAndCombinedAreTheNcsaFormats() {
        String common = "203.0.113.7 0123456789ABCDEF AKIDEXAMPLE [01/Jan/2026:00:00:00 +0000] \"GET /data/a%22b.txt HTTP/1.1\" 404 243";
        assertEquals(common, AccessLogFormat.COMMON.format(record("k", "NoSuchKey")));
        assertEquals(common + " \"-\" \"aws-cli/2 \\x22quoted\\x22\"", AccessLogFormat.COMBINED.format(record("k", "NoSuchKey")));
    }

    @Test
    void settingValues() {
        assertEquals(AccessLogFormat.JSON, AccessLogFormat.parse(" JSON "));
        assertEquals(AccessLogFormat.COMBINED, AccessLogFormat.parse("combined"));
        assertNull(AccessLogFormat.OFF.format(record("k", null)));
        assertThrows(IllegalArgumentException.class, () -> AccessLogFormat.parse("xml"));
    }
}
