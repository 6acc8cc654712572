package io.volumegate.it;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** A multipart/form-data request body, as a browser sends it, for large files too. */
final class MultipartBody {
    static final String BOUNDARY = "----VolumeGateTestBoundaryQ7x9";

    private final List<Supplier<InputStream>> pieces = new ArrayList<>();
    private long length;

    MultipartBody field(String name, String value) {
        text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    MultipartBody file(String name, String filename, String contentType, byte[] content) {
        return file(name, filename, contentType, () -> new ByteArrayInputStream(content), content.length);
    }

    MultipartBody file(String name, String filename, String contentType, Supplier<InputStream> content, long size) {
        text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n");
        pieces.add(content);
        length += size;
        text("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    HttpRequest.BodyPublisher publisher() {
        text("--" + BOUNDARY + "--\r\n");
        List<Supplier<InputStream>> all = List.copyOf(pieces);
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                new SequenceInputStream(Collections.enumeration(all.stream().map(Supplier::get).toList()))), length);
    }

    private void text(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pieces.add(() -> new ByteArrayInputStream(bytes));
        length += bytes.length;
    }
}
