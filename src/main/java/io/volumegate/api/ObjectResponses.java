package io.volumegate.api;

import io.volumegate.http.ByteRange;
import io.volumegate.http.Exchange;
import io.volumegate.http.HttpDates;
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
        send(exchange, opened, disposition, false);
    }

    /**
     * As above; {@code described} adds what the management API's download and HEAD tell beyond
     * the reference's four headers: the user metadata ({@code x-amz-meta-*}) and, for the whole
     * object, its stored checksums ({@code x-amz-checksum-<algorithm>}), as S3's HeadObject names them.
     */
    static void send(Exchange exchange, OpenedObject opened, Disposition disposition, boolean described) throws IOException {
        StoredObject object = opened.object();
        FileChannel channel = opened.channel();
        HttpServletResponse response = exchange.response();
        boolean head = "HEAD".equals(exchange.request().getMethod());
        try {
            // A 416 is the JSON error, with the Content-Range that tells the size (the refusal carries it).
            ByteRange range = ByteRange.parse(exchange.request().getHeader("Range"), object.size());
            response.setContentType(opened.contentType());
            response.setHeader("ETag", object.etag());
            response.setHeader("Last-Modified", HttpDates.http(object.lastModified()));
            response.setHeader("Accept-Ranges", "bytes");
            response.setHeader("Content-Disposition", contentDisposition(disposition, object.key()));
            response.setHeader("X-Content-Type-Options", "nosniff");
            if (described) {
                object.metadata().ifPresent(metadata -> {
                    metadata.userMetadata().forEach((name, value) -> response.setHeader("x-amz-meta-" + name, value));
                    if (range == null) {
                        metadata.checksums().forEach((algorithm, value) ->
                                response.setHeader("x-amz-checksum-" + algorithm.toLowerCase(java.util.Locale.ROOT), value));
                    }
                });
            }
            exchange.finishWithContent(channel, object.size(), range, head);
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
