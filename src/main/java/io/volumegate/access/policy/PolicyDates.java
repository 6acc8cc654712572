package io.volumegate.access.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The dates a Date operator reads, on both sides: "one of the W3C implementations of the ISO 8601
 * date formats" ({@code 2026-12-01T12:00:00Z}, with an offset, without seconds or fractions; a
 * bare date or a time without an offset is taken as UTC) or epoch (UNIX) seconds, as
 * {@code aws:CurrentTime} and {@code aws:EpochTime} carry them.
 */
final class PolicyDates {
    private PolicyDates() {}

    /** The instant, or null when the text is no date. */
    static Instant parse(String text) {
        if (text.isEmpty()) return null;
        if (isEpochSeconds(text)) return epochSeconds(text);
        try {
            if (text.length() <= 10) return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (hasOffset(text)) return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** After the date part (10 characters), an offset starts with Z, + or -. */
    private static boolean hasOffset(String text) {
        for (int i = 10; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'Z' || c == 'z' || c == '+' || c == '-') return true;
        }
        return false;
    }

    private static boolean isEpochSeconds(String text) {
        int digits = 0;
        boolean point = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') digits++;
            else if (c == '.' && !point && digits > 0) point = true;
            else return false;
        }
        return digits > 0 && digits <= 30;
    }

    private static Instant epochSeconds(String text) {
        BigDecimal seconds = new BigDecimal(text);
        try {
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            long nanos = seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (ArithmeticException | DateTimeException outOfRange) {
            return null;
        }
    }
}
