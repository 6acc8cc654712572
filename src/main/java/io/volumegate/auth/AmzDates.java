package io.volumegate.auth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/** The two date formats SigV4 meets: ISO 8601 basic (x-amz-date) and RFC 1123 (Date). */
final class AmzDates {
    // The regex pins the exact shape; the formatter alone would also take signs and
    // extra year digits. STRICT rejects 20130231 instead of rolling it to March.
    private static final Pattern BASIC_SHAPE = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

    private AmzDates() {
    }

    /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; null when it is not exactly that. */
    static Instant parseBasic(String value) {
        if (value == null || !BASIC_SHAPE.matcher(value).matches()) return null;
        try {
            return LocalDateTime.parse(value, BASIC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses an HTTP Date header ({@code Fri, 24 May 2013 00:00:00 GMT}); null when invalid. */
    static Instant parseHttpDate(String value) {
        if (value == null || value.length() > 64) return null;
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim(), Instant::from);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String formatBasic(Instant instant) {
        return BASIC.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}
