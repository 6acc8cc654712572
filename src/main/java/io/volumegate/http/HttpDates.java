package io.volumegate.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The two date formats S3 speaks: ISO 8601 in XML, RFC 1123 in HTTP headers. */
public final class HttpDates {
    private static final DateTimeFormatter HTTP = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private HttpDates() {}

    public static String iso8601(Instant instant) { return ISO.format(instant); }

    public static String http(Instant instant) {
        return HTTP.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Parses an HTTP date header; null when absent or unparseable (S3 then ignores the condition). */
    public static Instant parseHttp(String value) {
        if (value == null) return null;
        try {
            return java.time.ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
