package io.volumegate.api;

import io.volumegate.http.ByteRange;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
import io.volumegate.http.S3Exception;
import io.volumegate.storage.OpenedObject;
import io.volumegate.storage.StoredObject;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Sends an opened object as the response body: Content-Type (stored, else by extension, else
 * sniffed from this very file), Content-Length, ETag, Last-Modified, a Content-Disposition,
 * and a single byte range when asked (206, or 416 past the end). The download endpoint sends
 * it as an attachment, share links inline. HEAD gets the same headers and no body.
 */
final class ObjectResponses {
    private ObjectResponses() {}

    enum Disposition {
        ATTACHMENT("attachment"), INLINE("inline");

        final String value;

        Disposition(String value) { this.value = value; }
    }

    /** Blocking (a sniff may read the file): call on the I/O executor. Closes the channel in every case. */
    static void send(Exchange exchange, OpenedObject opened, Disposition disposition) throws IOException {
        StoredObject object = opened.object();
        FileChannel channel = opened.channel();
        HttpServletResponse response = exchange.response();
        boolean head = "HEAD".equals(exchange.request().getMethod());
        try {
            ByteRange range;
            try {
                range = ByteRange.parse(exchange.request().getHeader("Range"), object.size());
            } catch (S3Exception unsatisfiable) {
                // Answered here rather than thrown: the JSON error writer resets headers, and a
                // 416 should tell the size in Content-Range (which the refusal carries).
                OpenedObject.closeQuietly(channel);
                response.setStatus(unsatisfiable.error().status());
                unsatisfiable.headers().forEach(response::setHeader);
                if (head) {
                    exchange.finishEmpty();
                } else {
                    exchange.finishWith(ApiJson.write(new ApiError(unsatisfiable.error().code(), unsatisfiable.getMessage())),
                            ApiJson.CONTENT_TYPE);
                }
                return;
            }
            response.setContentType(opened.contentType());
            response.setHeader("ETag", object.etag());
            response.setHeader("Last-Modified", HttpDates.http(object.lastModified()));
            response.setHeader("Accept-Ranges", "bytes");
            response.setHeader("Content-Disposition", contentDisposition(disposition, object.key()));
            response.setHeader("X-Content-Type-Options", "nosniff");
            long offset = 0;
            long length = object.size();
            if (range != null) {
                response.setStatus(206);
                response.setHeader("Content-Range", range.contentRange(object.size()));
                offset = range.first();
                length = range.length();
            }
            exchange.finishWithContent(channel, offset, length, head);
        } catch (IOException | RuntimeException e) {
            OpenedObject.closeQuietly(channel);
            throw e;
        }
    }

    /**
     * {@code attachment; filename="report.pdf"; filename*=UTF-8''report.pdf} with the key's
     * last segment: an ASCII fallback (quotes, backslashes and non-ASCII replaced) and the
     * exact name in RFC 5987 form.
     */
    static String contentDisposition(Disposition disposition, String key) {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        StringBuilder ascii = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return disposition.value + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }


}
