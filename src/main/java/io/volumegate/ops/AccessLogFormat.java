package io.volumegate.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How an {@link AccessRecord} is written ({@code volumegate.access-log.format}). */
enum AccessLogFormat {
    /** One JSON object a line, the fields of {@link AccessRecord} by name; absent ones null. */
    JSON {
        @Override
        String format(AccessRecord r) {
            StringBuilder line = new StringBuilder(320).append('{');
            field(line, "time", Instant.ofEpochMilli(r.epochMillis()).toString()).append(',');
            field(line, "request_id", r.requestId()).append(',');
            field(line, "remote_addr", r.remote()).append(',');
            field(line, "access_key", "-".equals(r.accessKey()) ? null : r.accessKey()).append(',');
            field(line, "method", r.method()).append(',');
            field(line, "path", r.path()).append(',');
            field(line, "operation", r.operation()).append(',');
            field(line, "bucket", r.bucket()).append(',');
            field(line, "key", r.key()).append(',');
            line.append("\"status\":").append(r.status()).append(',');
            field(line, "error_code", r.errorCode()).append(',');
            line.append("\"bytes_in\":").append(r.bytesIn()).append(',');
            line.append("\"bytes_out\":").append(r.bytesOut()).append(',');
            line.append("\"duration_ms\":").append(r.durationMillis());
            return line.append('}').toString();
        }
    },
    /** NCSA common log format, the request id in the ident column: {@code host id user [time] "request" status bytes}. */
    COMMON {
        @Override
        String format(AccessRecord r) {
            return common(r).toString();
        }
    },
    /** Combined: common, then the quoted Referer and User-Agent. */
    COMBINED {
        @Override
        String format(AccessRecord r) {
            return common(r).append(" \"").append(clf(r.referer())).append("\" \"").append(clf(r.userAgent()))
                    .append('"').toString();
        }
    },
    /** No access log. */
    OFF {
        @Override
        String format(AccessRecord r) {
            return null;
        }
    };

    private static final DateTimeFormatter CLF_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The line for {@code record}; null for {@link #OFF}. */
    abstract String format(AccessRecord record);

    /** {@code json}, {@code common}, {@code combined} or {@code off}, in any case. */
    static AccessLogFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("volumegate.access-log.format must be json, common, combined or off: " + value);
        }
    }

    private static StringBuilder common(AccessRecord r) {
        return new StringBuilder(200).append(clf(r.remote())).append(' ').append(r.requestId()).append(' ')
                .append(clf(r.accessKey())).append(" [").append(CLF_TIME.format(Instant.ofEpochMilli(r.epochMillis())))
                .append("] \"").append(clf(r.method())).append(' ').append(clf(r.path())).append(" HTTP/1.1\" ")
                .append(r.status()).append(' ').append(r.bytesOut() > 0 ? Long.toString(r.bytesOut()) : "-");
    }

    /** A value for a space-separated line: "-" when absent; quotes, backslashes and control characters escaped. */
    private static String clf(String value) {
        if (value == null || value.isEmpty()) return "-";
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c == 0x7F) {
                if (out == null) out = new StringBuilder(value.length() + 8).append(value, 0, i);
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":");
        return value == null ? line.append("null") : Json.quote(line, value);
    }
}
