package io.volumegate.api;

import io.volumegate.http.BodyReader;
import io.volumegate.http.BodySink;
import io.volumegate.http.Exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** Reads a JSON request document with non-blocking I/O, refusing more than a limit (413). */
final class JsonBody implements BodySink {
    static final int DEFAULT_LIMIT = 64 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final int limit;

    private JsonBody(int limit) {
        this.limit = limit;
    }

    static <T> CompletableFuture<T> read(Exchange exchange, Type type) throws IOException {
        return read(exchange, type, DEFAULT_LIMIT);
    }

    static <T> CompletableFuture<T> read(Exchange exchange, Type type, int limit) throws IOException {
        return read(exchange, type, limit, null);
    }

    /** As {@link #read(Exchange, Type)}, but an empty body (or only white space) is {@code empty}, not a 400. */
    static <T> CompletableFuture<T> readOptional(Exchange exchange, Type type, T empty) throws IOException {
        return read(exchange, type, DEFAULT_LIMIT, empty);
    }

    private static <T> CompletableFuture<T> read(Exchange exchange, Type type, int limit, T empty) throws IOException {
        return readBytes(exchange, limit).thenApply(json -> {
            if (empty != null && new String(json, StandardCharsets.UTF_8).isBlank()) return empty;
            return ApiJson.<T>read(json, type);
        });
    }

    /** The body as text (UTF-8), unparsed: for a document the handler hands on as it came (a bucket policy). */
    static CompletableFuture<String> readText(Exchange exchange, int limit) throws IOException {
        return readBytes(exchange, limit).thenApply(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    private static CompletableFuture<byte[]> readBytes(Exchange exchange, int limit) throws IOException {
        if (exchange.request().getContentLengthLong() > limit) throw tooLarge(limit);
        JsonBody body = new JsonBody(limit);
        return BodyReader.read(exchange.request(), body).thenApply(done -> {
            exchange.bodyConsumed();
            return body.bytes.toByteArray();
        });
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        if (bytes.size() + length > limit) throw tooLarge(limit);
        bytes.write(data, offset, length);
    }

    private static ApiException tooLarge(int limit) {
        return new ApiException(413, "RequestTooLarge", "The JSON document is larger than this endpoint takes (" + limit + " bytes).");
    }
}
